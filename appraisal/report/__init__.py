"""Outputs for people: the board paper (PDF) and the live Excel model."""
