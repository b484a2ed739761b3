"""The bottom layer: threads, errors, input checks and bundled data. Imports nothing else from the package."""
