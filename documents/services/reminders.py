"""Reminders of handling deadlines (Appendix VI: the system chases incoming documents): each open assignment's
handler gets an e-mail once a working day before its deadline, and once more when the deadline has passed.
An assignment given to a unit and not yet passed on reminds the unit's head. Each reminder is claimed on its
row before the e-mail leaves (after commit), so no run sends one twice, even two runs at once."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from documents.deadlines import soon_limit, today
from documents.models import Assignment, Document, UnitMembership

logger = logging.getLogger(__name__)
WORKED = (Document.State.DIRECTED, Document.State.IN_PROGRESS)


def _open() -> Q:
    passed_on = Exists(Assignment.objects.filter(parent=OuterRef("pk"), state=Assignment.State.OPEN))
    return Q(state=Assignment.State.OPEN, document__state__in=WORKED, deadline__isnull=False) & ~Q(
        role=Assignment.Role.INFORM) & ~Q(Q(user__isnull=True) & passed_on)


def assignments_remind(*, now: dt.datetime | None = None) -> int:
    """Send the reminders now due; returns how many were sent."""
    now = now or timezone.now()
    day, limit = today(now), soon_limit(now)
    due = {
        "soon": Assignment.objects.filter(_open(), deadline__gte=day, deadline__lte=limit, reminded_at__isnull=True),
        "late": Assignment.objects.filter(_open(), deadline__lt=day, overdue_reminded_at__isnull=True),
    }
    sent = 0
    for kind, assignments in due.items():
        field = "reminded_at" if kind == "soon" else "overdue_reminded_at"
        for assignment in assignments.select_related("document", "user", "unit").order_by("deadline", "id")[:1000]:
            with transaction.atomic():
                claimed = Assignment.objects.filter(pk=assignment.pk, **{f"{field}__isnull": True}).update(
                    **{field: now})
                if not claimed:
                    continue  # another run took it
                addresses = _addresses(assignment)
                if addresses:
                    transaction.on_commit(lambda a=assignment, k=kind, r=addresses: _send(a, k, r), robust=True)
                    sent += 1
    return sent


def _addresses(assignment: Assignment) -> list[str]:
    if assignment.user_id:
        users = [assignment.user]
    else:
        users = [m.user for m in UnitMembership.objects.filter(unit_id=assignment.unit_id, is_head=True)
                 .select_related("user")]
    return sorted({user.email for user in users if user.is_active and user.email})


def _send(assignment: Assignment, kind: str, recipients: list[str]) -> None:
    document = assignment.document
    with translation.override(settings.LANGUAGE_CODE):
        context = {"assignment": assignment, "document": document, "kind": kind,
                   "url": settings.SITE_URL.rstrip("/") + reverse("documents:detail", args=[document.uuid])}
        subject = render_to_string("documents/email/reminder_subject.txt", context).strip()
        body = render_to_string("documents/email/reminder.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients)
