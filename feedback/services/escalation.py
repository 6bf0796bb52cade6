"""Escalation of overdue petitions (beat, every FEEDBACK_ESCALATE_EVERY_SECONDS): a petition past its next
deadline rises to its agency's leaders; still overdue FEEDBACK_ESCALATE_ADMIN_DAYS working days later, to the
provincial admins. Each rise is an event and an e-mail, once: the row is locked and skipped when another
worker holds it, and the level is re-checked under the lock, so two beat workers at the same moment never
escalate the same petition twice."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from feedback import deadlines
from feedback.models import Petition, PetitionEvent

logger = logging.getLogger(__name__)
LEADER, ADMIN = 1, 2
BATCH = 1000  # a beat run's share; the rest wait for the next run


def petitions_escalate(*, now=None) -> int:
    """Escalate what is due; returns how many rises were recorded."""
    now = now or timezone.now()
    candidates = (Petition.objects.filter(state__in=Petition.OPEN_STATES, deadline_at__lt=now,
                                          escalation_level__lt=ADMIN)
                  .order_by("escalation_level", "deadline_at", "pk").values_list("pk", flat=True)[:BATCH])
    admin_after = settings.FEEDBACK_ESCALATE_ADMIN_DAYS
    return sum(_escalate_one(pk, now=now, admin_after=admin_after) for pk in list(candidates))


@transaction.atomic
def _escalate_one(pk: int, *, now, admin_after: int) -> int:
    petition = (Petition.objects.select_for_update(skip_locked=True, of=("self",)).select_related("agency")
                .filter(pk=pk, state__in=Petition.OPEN_STATES, deadline_at__lt=now).first())
    if petition is None:
        return 0
    if petition.escalation_level == 0:
        level = LEADER
    elif (petition.escalation_level == LEADER and petition.escalated_at is not None
          and deadlines.after_working_days(petition.escalated_at, admin_after) < now):
        level = ADMIN
    else:
        return 0
    petition.escalation_level, petition.escalated_at = level, now
    petition.save(update_fields=["escalation_level", "escalated_at", "updated_at"])
    from feedback.events import record
    from feedback.tasks import escalation_notify

    event = record(petition, kind=PetitionEvent.Kind.ESCALATED, actor=None, from_state=petition.state,
                   data={"level": level, "deadline": petition.deadline_at.isoformat()})
    event_pk = event.pk
    transaction.on_commit(lambda: escalation_notify.apply_async((event_pk,), retry=False), robust=True)
    logger.info("Petition %s escalated to level %s", petition.code, level)
    return 1
