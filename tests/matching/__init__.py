"""Tests of the claim-matching library."""
