"""What the assessment tells the areas above it (the follow-up), without importing them."""

from django.dispatch import Signal

# sent inside the transaction that created the grant: grant, actor
grant_created = Signal()
# sent inside the transaction that gave the grant up: grant, actor
grant_renounced = Signal()
