"""Celery tasks of the axis: thin wrappers. ``axis.pull`` reads our agencies' mailboxes (beat, every
AXIS_PULL_EVERY_SECONDS); sending goes through the outbox relay (outbox.relay), like the NPSP's."""

from celery import shared_task

from axis.receiving import pull


@shared_task(name="axis.pull", acks_late=True, time_limit=300, soft_time_limit=280)
def axis_pull() -> dict:
    result = pull()
    return {"agencies": result.agencies, "received": result.received, "refused": result.refused,
            "failed": result.failed}
