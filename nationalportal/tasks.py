"""Celery tasks of the national-portal link: thin wrappers over the relay and reconciliation."""

from celery import shared_task

from nationalportal.relay import relay_until_empty


@shared_task(name="nationalportal.outbox_relay", acks_late=True, time_limit=120, soft_time_limit=100)
def outbox_relay() -> dict:
    result = relay_until_empty()
    return {"claimed": result.claimed, "delivered": result.delivered, "retried": result.retried, "dead": result.dead}
