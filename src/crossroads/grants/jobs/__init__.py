"""Daily jobs of the follow-up (run by `manage.py grants_housekeeping`), one module per concern."""
