"""The report a person reads: one self-contained HTML page over a LinkedIn data export.

``page`` builds the page (sections, tables, embedded figures). Imports every layer below it; only
the command line imports it.
"""
