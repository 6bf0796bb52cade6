"""The provincial admins' outbox page: how the sync with the NPSP is doing, what fails, the dead letters
and their resend, and reconciliation. Thin: reads are selectors, writes are services."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import admin_required
from nationalportal import selectors, services
from nationalportal.destination import TOPIC_PATHS
from nationalportal.reconcile import ReconcileReport
from outbox import selectors as outbox_selectors
from outbox.models import OutboxMessage
from outbox.services import outbox_resend
from portal.pagination import paginate

PAGE_SIZE = 25
NPSP_TOPICS = list(TOPIC_PATHS)  # in a fixed order; the document axis has a page of its own (axis/)
PREVIEW = 5


def _page(request, queryset) -> dict:
    context = paginate(request, queryset, per_page=PAGE_SIZE)
    context["page_obj"].object_list = selectors.with_dossier_codes(list(context["page_obj"].object_list))
    return context


@admin_required
@require_GET
def outbox_page(request):
    overview = outbox_selectors.outbox_overview()
    last = selectors.reconcile_last()
    finished = last if last is None or last.is_finished else selectors.reconcile_last_finished()
    return render(request, "nationalportal/outbox.html", {
        "section": "overview", "overview": overview, "npsp": selectors.npsp_view(),
        "topics": outbox_selectors.outbox_by_topic(NPSP_TOPICS),
        "failing": selectors.with_dossier_codes(list(outbox_selectors.outbox_failing(NPSP_TOPICS)[:PREVIEW])),
        "dead": selectors.with_dossier_codes(list(outbox_selectors.outbox_dead(NPSP_TOPICS)[:PREVIEW])),
        "reconcile_running": last is not None and not last.is_finished, "reconcile_job": finished,
        "report": ReconcileReport.from_dict(finished.result) if finished and finished.result.get("until") else None,
        "resends": outbox_selectors.resend_log(),
    })


@admin_required
@require_GET
def outbox_failing_page(request):
    return render(request, "nationalportal/failing.html",
                  {"section": "failing", **_page(request, outbox_selectors.outbox_failing(NPSP_TOPICS))})


@admin_required
@require_GET
def outbox_dead_page(request):
    return render(request, "nationalportal/dead.html", {"section": "dead", **_page(request, outbox_selectors.outbox_dead(NPSP_TOPICS))})


@admin_required
@require_POST
def outbox_resend_view(request):
    """One dead letter (``key``) or all of them (``all``)."""
    if request.POST.get("all"):
        chosen = outbox_selectors.outbox_dead(NPSP_TOPICS)
    else:
        chosen = OutboxMessage.objects.filter(key__in=_valid_keys(request.POST.getlist("key")))
    count = outbox_resend(messages=chosen, actor=request.user)
    if count:
        messages.success(request, ngettext("%(count)s dead letter was put back in the queue.",
                                           "%(count)s dead letters were put back in the queue.", count)
                         % {"count": count})
    else:
        messages.info(request, _("Nothing to resend: the message is no longer a dead letter."))
    return redirect("nationalportal:outbox" if request.POST.get("back") == "overview" else "nationalportal:outbox_dead")


def _valid_keys(values: list[str]) -> list[str]:
    keys = []
    for value in values:
        try:
            keys.append(str(uuid.UUID(value)))
        except ValueError:
            continue
    return keys


@admin_required
@require_POST
def reconcile_now(request):
    services.reconcile_start(actor=request.user)
    messages.success(request, _("Reconciliation started. Reload this page in a moment to see its report."))
    return redirect("nationalportal:outbox")
