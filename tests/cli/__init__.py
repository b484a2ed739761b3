"""Tests of linkedins_law.cli (the command line)."""
