"""Tests of linkedins_law.detect."""
