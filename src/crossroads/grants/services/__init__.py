"""Writes of the follow-up, one module per concern. Each runs in one transaction and writes an audit event."""
