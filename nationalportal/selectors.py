"""Reads of the NPSP link for the provincial admins' outbox page: the NPSP's own counters, the last
reconciliation and the dossier codes of messages (the outbox's own reads are in outbox/selectors.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from nationalportal import client
from outbox.models import OutboxMessage
from portal.models import Job

RECONCILE_JOB = "npsp_reconcile"
# The NPSP's counters are a courtesy on the page: never let a slow NPSP hold the page up.
NPSP_STATS_TIMEOUT_SECONDS = 1.5


@dataclass
class NpspView:
    reachable: bool
    stats: dict = field(default_factory=dict)
    error: str = ""


def npsp_view() -> NpspView:
    """What the NPSP itself counts (signed ``GET /v1/stats``), or why it could not be asked."""
    try:
        return NpspView(reachable=True, stats=client.call("GET", "/v1/stats", timeout=NPSP_STATS_TIMEOUT_SECONDS))
    except (client.NpspError, ValueError) as error:  # ValueError: an answer that is not JSON
        return NpspView(reachable=False, error=str(error)[:300])


def reconcile_last() -> Job | None:
    """The latest reconciliation (running, waiting or finished)."""
    return Job.objects.filter(kind=RECONCILE_JOB).select_related("created_by").order_by("-created_at").first()


def reconcile_last_finished() -> Job | None:
    return (Job.objects.filter(kind=RECONCILE_JOB, status__in=(Job.Status.SUCCEEDED, Job.Status.FAILED))
            .select_related("created_by").order_by("-created_at").first())


def with_dossier_codes(messages: list[OutboxMessage]) -> list[OutboxMessage]:
    """Give each message ``dossier_code``: its dossier's code today (a draft's messages were written before
    the submission gave it one). One query for the whole page."""
    from dossiers.models import Dossier

    subjects = [m.subject for m in messages if m.topic == OutboxMessage.Topic.DOSSIER_EVENT]
    codes = {str(uuid): code for uuid, code in Dossier.objects.filter(uuid__in=subjects).values_list("uuid", "code")}
    for message in messages:
        message.dossier_code = codes.get(message.subject) or message.payload.get("code") or ""
    return messages
