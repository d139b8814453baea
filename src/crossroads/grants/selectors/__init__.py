"""Reads of the follow-up, one module per concern: querysets and read models, no side effects."""
