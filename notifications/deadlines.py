"""Officials' reminders of what is due soon (by the end of the next day) or overdue: the dossier steps waiting
in their hands (the holder, or the role of the agency when nobody has taken it) and the incoming documents
given to them. The day is in each message's key, so the hourly beat sends each reminder once a day."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from accounts.models import User
from documents.models import Assignment
from dossiers.models import Dossier, DossierStep
from notifications.services import notify, recipient_for
from portal.dates import date_text

OPEN_STEP = (DossierStep.State.ACTIVE, DossierStep.State.TAKEN)
PROCESSING = (Dossier.State.RECEIVED, Dossier.State.IN_PROGRESS)
MAX_ITEMS = 2000  # a run's bound; what is left waits for the next hour


def remind(*, now: dt.datetime | None = None) -> int:
    """Queue today's reminders not yet sent; how many messages were written."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    soon = now + dt.timedelta(days=1)
    written = 0
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        steps = (DossierStep.objects.filter(state__in=OPEN_STEP, due_at__lt=soon, dossier__state__in=PROCESSING)
                 .select_related("dossier", "handler").order_by("due_at")[:MAX_ITEMS])
        for step in steps:
            kind = "overdue" if step.due_at < now else "due_soon"
            officials = [step.handler] if step.handler_id else list(User.objects.filter(
                agency_id=step.agency_id, role=step.responsible_role, is_active=True).order_by("pk")[:20])
            values = {"code": step.dossier.code or "", "step": step.name, "due": date_text(step.due_at)}
            for official in officials:
                written += len(notify(event_key=f"step-{kind}:{step.pk}:{today.isoformat()}", template=f"step.{kind}",
                                      values=values, recipient=recipient_for(user=official, zalo_possible=False),
                                      dossier_id=step.dossier_id))
        assignments = (Assignment.objects.filter(state=Assignment.State.OPEN, user__isnull=False,
                                                 deadline__lte=today + dt.timedelta(days=1))
                       .exclude(role=Assignment.Role.INFORM).select_related("document", "user")
                       .order_by("deadline")[:MAX_ITEMS])
        for assignment in assignments:
            kind = "overdue" if assignment.deadline < today else "due_soon"
            values = {"number": str(assignment.document), "summary": assignment.document.subject,
                      "deadline": date_text(assignment.deadline)}
            written += len(notify(event_key=f"document-{kind}:{assignment.pk}:{today.isoformat()}",
                                  template=f"document.{kind}", values=values,
                                  recipient=recipient_for(user=assignment.user, zalo_possible=False)))
    return written
