"""Celery task of online payment: the reconciliation of pending payments (payments/reconcile.py)."""

from celery import shared_task


@shared_task(name="payments.reconcile", acks_late=True, time_limit=600, soft_time_limit=540)
def reconcile() -> dict:
    from payments.reconcile import payments_reconcile

    return payments_reconcile().as_dict()
