"""Writes of the national-portal link that people (provincial admins) and beat start: resending dead letters
and reconciling with the NPSP. Each resend and each reconciliation leaves a Job row: who, when, what."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Concat, Left
from django.utils import timezone

from accounts.models import User
from nationalportal import client, outbox
from nationalportal.models import OutboxMessage
from nationalportal.reconcile import ReconcileReport, reconcile
from nationalportal.selectors import RECONCILE_JOB, RESEND_JOB
from portal.jobs import job_create, job_fail, job_finish, job_progress
from portal.models import Job

logger = logging.getLogger(__name__)
AUDIT_KEYS = 1000  # the resend log keeps the keys of at most this many messages (and always the count)
CHUNK = 1000


@transaction.atomic
def outbox_resend(*, messages: QuerySet[OutboxMessage] | Iterable[OutboxMessage], actor: User | None) -> int:
    """Put dead letters back in the queue: pending, attempts from zero, due now; the relay is kicked after
    commit. Messages that are no longer dead (resent by someone else meanwhile, or never dead) are left
    alone. Returns how many were resent; the resend is logged as a Job row (who, when, which keys)."""
    if isinstance(messages, QuerySet) and not messages.query.is_sliced:
        candidates = messages.filter(status=OutboxMessage.Status.DEAD)
    else:
        candidates = OutboxMessage.objects.filter(pk__in=[m.pk for m in messages], status=OutboxMessage.Status.DEAD)
    # Lock before changing: two admins pressing "resend all" at once resend each message once.
    rows = list(candidates.select_for_update().order_by("id").values_list("id", "key"))
    if not rows:
        return 0
    now = timezone.now()
    who = actor.get_username() if actor else "system"
    # The message's own trail (until the relay writes its next outcome over it): who resent it, and why it died.
    note = Left(Concat(Value(f"[resent {now:%Y-%m-%d %H:%M:%S} UTC by {who}] "), F("last_error")), 1000)
    for start in range(0, len(rows), CHUNK):
        ids = [row[0] for row in rows[start:start + CHUNK]]
        OutboxMessage.objects.filter(pk__in=ids).update(
            status=OutboxMessage.Status.PENDING, attempts=0, next_attempt_at=now, delivered_at=None, last_error=note)
    job = job_create(kind=RESEND_JOB, created_by=actor, total=len(rows))
    job_finish(job=job, result={"count": len(rows), "keys": [str(row[1]) for row in rows[:AUDIT_KEYS]]},
               message=f"{len(rows)} resent by {who}")
    transaction.on_commit(outbox._kick, robust=True)
    logger.info("%s resent %s dead letters", who, len(rows))
    return len(rows)


def reconcile_start(*, actor: User | None) -> Job:
    """Ask a worker to reconcile the usual period now ("reconcile now" on the outbox page)."""
    from nationalportal.tasks import npsp_reconcile

    with transaction.atomic():
        job = job_create(kind=RECONCILE_JOB, created_by=actor)
        job_pk = str(job.pk)
        # robust: a broker that is down leaves the job waiting, never an error page.
        transaction.on_commit(lambda: npsp_reconcile.apply_async((job_pk,), retry=False), robust=True)
    return job


def reconcile_run(*, job: Job | None = None, since: dt.datetime | None = None,
                  until: dt.datetime | None = None) -> ReconcileReport | None:
    """Reconcile the period (by default the last NPSP_RECONCILE_DAYS) and record the report on the job
    (a new one when beat runs it). None when the NPSP could not be asked; the job says why."""
    until = until or timezone.now()
    since = since or until - dt.timedelta(days=settings.NPSP_RECONCILE_DAYS)
    job = job or job_create(kind=RECONCILE_JOB, created_by=None)
    job_progress(job=job, done=0)
    try:
        report = reconcile(since=since, until=until)
    except client.NpspError as error:
        logger.warning("Reconciliation with the NPSP failed: %s", error)
        job_fail(job=job, message=str(error)[:500], result={"since": since.isoformat(), "until": until.isoformat()})
        return None
    job_finish(job=job, result=report.as_dict())
    _prune(kind=RECONCILE_JOB, keep=200)
    return report


def _prune(*, kind: str, keep: int) -> None:
    """Beat reconciles every hour: keep the latest reports, not every one since go-live."""
    old = Job.objects.filter(kind=kind).order_by("-created_at").values_list("pk", flat=True)[keep:keep + 1000]
    Job.objects.filter(pk__in=list(old)).delete()
