"""The axis pages. ``readiness``, for provincial admins: per agency its organ id, whether it is connected (the
last exchange that worked), what waits, fails or died on its way out with the last error, and a resend — the
shape of the NPSP outbox page. ``received``, for an agency's clerks (and admins, every agency): what arrived
over the axis, refused packages first in mind, with the reason their sender was given."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import admin_required
from accounts.models import User
from axis import connections, selectors
from axis.models import ReceivedMessage
from outbox.services import outbox_resend
from portal.pagination import paginate

PREVIEW = 10


@admin_required
@require_GET
def readiness_page(request):
    return render(request, "axis/readiness.html", {
        "section": "axis", "rows": selectors.readiness(connections.agencies_on_axis()),
        "failing": selectors.with_documents(list(selectors.failing()[:PREVIEW])),
        "dead": selectors.with_documents(list(selectors.dead()[:PREVIEW])),
        "dead_total": selectors.dead().count(),
        "problems": list(selectors.received().exclude(outcome=ReceivedMessage.Outcome.ACCEPTED)[:PREVIEW]),
    })


@admin_required
@require_POST
def resend_view(request):
    """One dead letter of the exchange (``key``) or all of them (``all``)."""
    if request.POST.get("all"):
        chosen = selectors.dead()
    else:
        keys = []
        for value in request.POST.getlist("key"):
            try:
                keys.append(str(uuid.UUID(value)))
            except ValueError:
                continue
        chosen = selectors.dead().filter(key__in=keys)
    count = outbox_resend(messages=chosen, actor=request.user)
    if count:
        messages.success(request, ngettext("%(count)s dead letter was put back in the queue.",
                                           "%(count)s dead letters were put back in the queue.", count)
                         % {"count": count})
    else:
        messages.info(request, _("Nothing to resend: the message is no longer a dead letter."))
    return redirect("axis:readiness")


@require_GET
def received_page(request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if user.is_provincial_admin:
        agency = None
    elif user.role == User.Role.CLERK and user.agency_id:
        agency = user.agency
    else:
        raise PermissionDenied
    outcome = request.GET.get("outcome", "")
    if outcome not in ReceivedMessage.Outcome.values:
        outcome = ""
    return render(request, "axis/received.html", {
        "section": "axis_received", "agency": agency, "outcome": outcome,
        "outcomes": ReceivedMessage.Outcome.choices,
        **paginate(request, selectors.received(agency, outcome=outcome), per_page=25),
    })


