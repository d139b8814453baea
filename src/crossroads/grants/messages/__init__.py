"""Notifications of the follow-up, one module per concern (composers registered with @message)."""
