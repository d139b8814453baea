"""Pages of the follow-up, one module per concern; each module lists its own `urlpatterns`."""
