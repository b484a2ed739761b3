"""Tests of linkedins_law.embed."""
