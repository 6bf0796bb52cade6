"""Writes of the national-portal link that people (provincial admins) and beat start: reconciling with the
NPSP (resending dead letters is the outbox's: outbox.services.outbox_resend). Each reconciliation leaves a
Job row: who, when, what."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from nationalportal import client
from nationalportal.reconcile import ReconcileReport, reconcile
from nationalportal.selectors import RECONCILE_JOB
from portal.jobs import job_create, job_fail, job_finish, job_progress
from portal.models import Job

logger = logging.getLogger(__name__)


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
