"""Celery tasks of the axis: thin wrappers. ``axis.pull`` reads our agencies' mailboxes (beat, every
AXIS_PULL_EVERY_SECONDS); sending goes through the outbox relay (outbox.relay), like the NPSP's."""

from celery import shared_task

from axis import client
from axis.directory import directory_sync
from axis.models import Organ
from axis.receiving import pull


@shared_task(name="axis.pull", acks_late=True, time_limit=300, soft_time_limit=280)
def axis_pull() -> dict:
    if not Organ.objects.exists():  # the first read: the directory drafting names recipients from
        axis_directory_sync()
    result = pull()
    return {"agencies": result.agencies, "received": result.received, "refused": result.refused,
            "failed": result.failed}


@shared_task(name="axis.directory_sync", acks_late=True, time_limit=300)
def axis_directory_sync() -> dict:
    try:
        return directory_sync()
    except client.AxisError as error:  # the axis is down: the directory stays as it was, beat tries again
        return {"error": str(error)}
