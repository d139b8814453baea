"""Writes of the assessment: each runs in one transaction, writes an audit event, and mails after the commit."""
