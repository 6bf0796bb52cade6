"""Celery tasks of the national-portal link: thin wrappers over the relay and reconciliation."""

from celery import shared_task

from nationalportal.relay import relay_until_empty


@shared_task(name="nationalportal.outbox_relay", acks_late=True, time_limit=120, soft_time_limit=100)
def outbox_relay() -> dict:
    result = relay_until_empty()
    return {"claimed": result.claimed, "delivered": result.delivered, "retried": result.retried, "dead": result.dead}


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
