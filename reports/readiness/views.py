"""The readiness board's pages: the province's (every commune at a glance), one per unit (the province's own
centre and agencies, or a commune's), and the confirmation of a manual item. Thin: access.py decides who
sees what, selectors.py reads, services.py writes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from portal.errors import ApplicationError, NotFound
from portal.pagination import paginate
from portal.text import fold
from reports.readiness import access, selectors, services
from reports.readiness.checks import STATE_LABELS, State
from reports.readiness.facts import PROVINCE

PER_PAGE = 60


class ManualCheckForm(forms.Form):
    done = forms.BooleanField(label=gettext_lazy("Done"), required=False)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=services.NOTE_LIMIT,
                           widget=forms.Textarea(attrs={"rows": 2}))


def _unit_or_404(code: str):
    try:
        return selectors.unit_get(code=code)
    except NotFound as error:
        raise Http404(error.message) from None


@login_required
@require_GET
def board(request):
    user = request.user
    if not access.may_see_board(user):
        # A commune's leader is sent to their own commune's page; anyone else may not see the board.
        if user.role == User.Role.LEADER and user.agency_id and not user.agency.unit.is_provincial:
            return redirect("reports:readiness_unit", code=user.agency.unit.code)
        raise PermissionDenied
    board_ = selectors.readiness_board()
    state, query = request.GET.get("state", ""), (request.GET.get("q") or "").strip()[:100]
    rows = board_.communes
    if state in {s.value for s in State}:
        rows = [row for row in rows if row.state == state]
    else:
        state = ""
    if query:
        words = fold(query).split()
        rows = [row for row in rows if all(word in fold(row.unit.name) for word in words)]
    return render(request, "reports/readiness/board.html", {
        "section": "readiness", "board": board_, "state": state, "query": query, "states": [(s.value, STATE_LABELS[s]) for s in State],
        **paginate(request, rows, per_page=PER_PAGE),
    })


@login_required
@require_GET
def unit_page(request, code: str):
    unit = _unit_or_404(code)
    if not access.may_see_unit(request.user, unit):
        raise PermissionDenied
    readiness = selectors.readiness_unit(unit=unit)
    may_confirm = access.may_confirm(request.user, unit)
    for result in readiness.results:
        if result.item.manual and may_confirm:
            check = result.check
            result.form = ManualCheckForm(prefix=result.item.key, initial={
                "done": bool(check and check.done), "note": check.note if check else ""})
    return render(request, "reports/readiness/unit.html", {
        "section": "readiness", "readiness": readiness, "detail": selectors.unit_detail(readiness), "may_confirm": may_confirm,
        "is_province": readiness.scope == PROVINCE, "may_see_board": access.may_see_board(request.user),
    })


@login_required
@require_POST
def manual_confirm(request, code: str, item: str):
    unit = _unit_or_404(code)
    if not access.may_confirm(request.user, unit):
        raise PermissionDenied
    form = ManualCheckForm(request.POST, prefix=item)
    target = reverse("reports:readiness_unit", args=[unit.code]) + f"#item-{item}"
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(target)
    try:
        services.manual_check_set(unit=unit, item=item, done=form.cleaned_data["done"],
                                  note=form.cleaned_data["note"], actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved: the item is %(state)s.") % {
            "state": _("confirmed") if form.cleaned_data["done"] else _("not confirmed")})
    return redirect(target)
