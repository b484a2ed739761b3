"""Tests of linkedins_law.outreach."""
