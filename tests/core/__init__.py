"""Tests of linkedins_law.core."""
