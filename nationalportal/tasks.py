"""Celery task of the national-portal link: a thin wrapper over reconciliation (the outbox's relay is the
outbox app's task)."""

from celery import shared_task


@shared_task(name="nationalportal.reconcile", acks_late=True, time_limit=900, soft_time_limit=840)
def npsp_reconcile(job_pk: str | None = None) -> dict:
    """Beat runs it without a job (a new one records the report); "reconcile now" passes its waiting job."""
    from nationalportal.services import reconcile_run
    from portal.models import Job

    job = None
    if job_pk is not None:
        # Running too: a worker that died mid-run leaves it running, and acks_late hands it to another one.
        job = Job.objects.filter(pk=job_pk, status__in=(Job.Status.PENDING, Job.Status.RUNNING)).first()
        if job is None:  # gone, or finished already
            return {}
    report = reconcile_run(job=job)
    return report.as_dict() if report else {}
