"""Benchmarks of linkedins_law, run from the repository root as ``python -m benchmarks.<name>``.

They use the public API only (``import linkedins_law as ll``) and share :mod:`benchmarks.common`.
"""
