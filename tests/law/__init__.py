"""Tests of linkedins_law.law."""
