"""A stand-in for the National Public Service Portal (Cổng Dịch vụ công quốc gia): a separate HTTP service
with its own SQLite database, run with ``python -m nationalportal.mock``. It knows nothing of the portal's
code or database: it only speaks the HTTP contract in server.py."""
