"""Tổng đài: the hotline officer's desk — the call written down while on the phone, the state of the dossier
the caller asks about right there (a look-up that keeps what was typed: the form posted back without saving,
or, with static/feedback/hotline.js, fetched in place), a petition opened for the caller, a petition looked
up by its code (with the information asked for added on the caller's behalf) — and the call log."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from dossiers.errors import DossierNotFound
from dossiers.models import Dossier
from dossiers.selectors import dossier_lookup
from feedback import actions, permissions, services, worklists
from feedback.errors import FeedbackError
from feedback.web.desk_forms import ActionForm
from feedback.web.hotline_forms import CallFilterForm, CallForm
from portal.dates import datetime_text
from portal.pagination import paginate

PAGE_SIZE = 30


def hotline_required(view):
    """The hotline officers and the provincial admins; anyone else logged in gets 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not permissions.is_hotline_desk(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _dossier_state(user, code: str) -> dict | None:
    """What the desk shows of the dossier a caller asks about (the public look-up's facts, the applicant's
    name masked), or why there is none."""
    code = (code or "").strip()[:40]
    if not code:
        return None
    try:
        found = dossier_lookup(code=code)
    except DossierNotFound as error:
        return {"found": False, "code": code, "message": error.message}
    uuid = (Dossier.objects.visible_to(user).filter(pk=found.dossier_id).values_list("uuid", flat=True).first()
            if found.dossier_id else None)
    late = found.is_late()
    rows = [(_("Procedure"), found.procedure_display_name), (_("Receiving centre"), found.centre_display_name),
            (_("Applicant"), found.applicant), (_("State"), found.state_display)]
    if found.current_step:
        rows.append((_("Current step"), found.current_step))
    if found.received_at:
        rows.append((_("Received"), datetime_text(found.received_at)))
    if found.due_at:
        rows.append((_("Due"), datetime_text(found.due_at)))
    if found.returned_at:
        rows.append((_("Result returned"), datetime_text(found.returned_at)))
    return {"found": True, "code": found.code, "rows": rows, "late": late,
            "verdict": _("Late: past its due date.") if late else _("On time."),
            "url": reverse("dossiers:detail", kwargs={"uuid": uuid}) if uuid else ""}


def _petition_lookup(request) -> dict | None:
    code = (request.GET.get("petition") or "").strip()
    if not code:
        return None
    petition = worklists.petition_by_code(user=request.user, code=code)
    if petition is None:
        return {"code": code, "petition": None}
    worklists.with_countdown([petition])
    supply = actions.get("supply_info")
    form = ActionForm(action=supply, petition=petition) if supply.may(request.user, petition) else None
    back = f"{reverse('feedback:hotline')}?{urlencode({'petition': petition.code})}"
    panel = {"action": supply, "form": form, "danger": False, "collapsed": False, "open": True} if form else None
    return {"code": code, "petition": petition, "supply_panel": panel, "next": back}


@hotline_required
@require_http_methods(["GET", "POST"])
def desk(request):
    status = 200
    if request.method == "POST" and "lookup" in request.POST:
        # "Look up" without the script: the same form back, filled as it was, with the dossier's state.
        form = CallForm(initial={name: request.POST.get(name, "") for name in CallForm.base_fields})
    elif request.method == "POST":
        form = CallForm(request.POST)
        if form.is_valid():
            try:
                call = services.hotline_call_record(officer=request.user, call=form.call_input(),
                                                    petition=form.petition_input())
            except FeedbackError as error:
                form.add_call_errors(error)
                status = error.status_code
            else:
                if call.petition_id:
                    messages.success(request, _("The call was recorded and petition %(code)s was opened.")
                                     % {"code": call.petition.code})
                else:
                    messages.success(request, _("The call was recorded."))
                return redirect("feedback:hotline")
        else:
            status = 400
    else:
        form = CallForm()
    context = {
        "form": form, "status": status,
        "dossier": _dossier_state(request.user, request.POST.get("dossier_code", "")) if request.method == "POST"
        else None,
        "lookup": _petition_lookup(request), "today": worklists.calls_today(officer=request.user),
        "petition_fields": [form[name] for name in CallForm.PETITION_FIELDS],
    }
    return render(request, "feedback/hotline/desk.html", context, status=status)


@hotline_required
@require_GET
def dossier_state(request):
    """The dossier's state for static/feedback/hotline.js (JSON; 404 with the message when no such dossier)."""
    state = _dossier_state(request.user, request.GET.get("code", ""))
    if state is None:
        return JsonResponse({"found": False, "message": _("Type the dossier's code first.")}, status=400)
    payload = {**state, "rows": [[str(label), str(value)] for label, value in state.get("rows", [])]}
    return JsonResponse(payload, status=200 if state["found"] else 404)


@hotline_required
@require_GET
def calls(request):
    """Sổ ghi cuộc gọi: every call, newest first, narrowed by date, outcome, officer or number."""
    form = CallFilterForm(request.GET)
    rows = worklists.calls(user=request.user, filters=form.filters())
    context = paginate(request, rows, per_page=PAGE_SIZE, filters=form.as_querydict())
    context.update(form=form, is_filtered=bool(form.as_querydict()), today=timezone.localdate())
    return render(request, "feedback/hotline/calls.html", context)
