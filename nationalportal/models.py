"""The national-portal link keeps no table of its own: its messages are the outbox's (outbox/models.py),
its reconciliation reports are Job rows (portal/models.py)."""
