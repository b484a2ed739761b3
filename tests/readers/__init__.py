"""Tests of linkedins_law.readers."""
