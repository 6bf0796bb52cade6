"""Reads of notifications that pages share."""

from __future__ import annotations

from notifications.models import Notification

PANEL_LIMIT = 50
# The applicant's messages (the rest are the officials' reminders about the dossier).
APPLICANT_TEMPLATES = ("dossier.",)


def dossier_notifications(*, dossier_id: int, applicant_only: bool = False) -> list[Notification]:
    rows = Notification.objects.filter(dossier_id=dossier_id, secret=False)
    if applicant_only:
        rows = rows.filter(template__startswith=APPLICANT_TEMPLATES[0])
    return list(rows.order_by("-created_at", "-id")[:PANEL_LIMIT])


def petition_notifications(*, petition_id: int) -> list[Notification]:
    return list(Notification.objects.filter(petition_id=petition_id, secret=False).order_by("-created_at", "-id")
                [:PANEL_LIMIT])
