"""Every write of online payment (lock → guard → change → event), one function per use case."""

from payments.services.refunds import payment_refund
from payments.services.settling import callback_receive, payment_settle, payment_sync
from payments.services.starting import payment_request, payment_settled_without_platform, payment_start

__all__ = ["callback_receive", "payment_refund", "payment_request", "payment_settle",
           "payment_settled_without_platform", "payment_start", "payment_sync"]
