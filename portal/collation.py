"""Vietnamese alphabetical order (a ă â b c d đ e ê ...) for ORDER BY.

The database's default collation (often C.UTF-8) sorts "Đất đai" after "Hộ tịch". PostgreSQL ships ICU's
Vietnamese collation; SQLite has none, so there we keep the plain column order."""

from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate

VIETNAMESE = "vi-x-icu"


def vietnamese(field: str):
    """An expression to pass to ``order_by`` (add ``.desc()`` for reverse order)."""
    if connection.vendor == "postgresql":
        return Collate(F(field), VIETNAMESE)
    return F(field)
