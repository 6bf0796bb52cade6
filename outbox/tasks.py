"""Celery task of the outbox: a thin wrapper over the relay. Kicked by name after each commit that wrote a
message (outbox.services.kick), and run by beat every few seconds anyway."""

from celery import shared_task

from outbox.relay import relay_until_empty


@shared_task(name="outbox.relay", acks_late=True, time_limit=120, soft_time_limit=100)
def outbox_relay() -> dict:
    result = relay_until_empty()
    return {"claimed": result.claimed, "delivered": result.delivered, "retried": result.retried, "dead": result.dead}
