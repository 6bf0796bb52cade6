"""Số liệu phản ánh, kiến nghị: a period's figures (feedback.figures, the national indicators 5.1–5.3) for a
leader's agency, or — for the provincial admins — the province with a row per agency, or one agency."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET

from accounts.models import User
from dossiers.web.officer import official_required
from feedback.figures import DEADLINES, petition_figures
from feedback.models import Petition
from feedback.web.desk_forms import AgencyChoice
from units.models import Agency

# The national deadline each figure answers, as the page names it.
DEADLINE_LABELS = {
    "refuse": _("Not accepted within 2 working days"),
    "request_info": _("More information asked for within 5 working days"),
    "forward": _("Forwarded within 5 working days"),
    "answer": _("Answered within the handling time"),
    "publish": _("Published within 2 working days of the answer"),
}
assert set(DEADLINE_LABELS) == set(DEADLINES.values())


class FiguresForm(forms.Form):
    date_from = forms.DateField(label=pgettext_lazy("date", "From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, *, user: User):
        data = data.copy()  # the period shown in the inputs, this month so far when none is asked for
        today = timezone.localdate()
        data.setdefault("date_from", today.replace(day=1).isoformat())
        data.setdefault("date_to", today.isoformat())
        super().__init__(data)
        if user.is_provincial_admin:
            self.fields["agency"] = AgencyChoice(label=_("Agency"), required=False, empty_label=_("The whole province"),
                                                 queryset=Agency.objects.order_by("name"))

    def period(self) -> tuple[dt.date, dt.date]:
        """The days asked for (this month so far by default), in order."""
        self.is_valid()
        today = timezone.localdate()
        start = self.cleaned_data.get("date_from") or today.replace(day=1)
        end = self.cleaned_data.get("date_to") or today
        return (start, end) if start <= end else (end, start)


def _moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@official_required()
@require_GET
def figures(request):
    user = request.user
    if not (user.is_provincial_admin or (user.role == User.Role.LEADER and user.agency_id)):
        raise PermissionDenied
    form = FiguresForm(request.GET, user=user)
    start, end = form.period()
    agency = form.cleaned_data.get("agency") if user.is_provincial_admin else user.agency
    scope, per_agency = petition_figures(since=_moment(start), until=_moment(end + dt.timedelta(days=1)),
                                         agency=agency)
    categories = [(label, scope.by_category.get(value, 0)) for value, label in Petition.Category.choices]
    if scope.by_category.get(""):
        categories.append((_("Not classified yet"), scope.by_category[""]))
    context = {
        "form": form, "start": start, "end": end, "agency": agency, "figures": scope,
        "classes": [(label, scope.by_class.get(value, 0)) for value, label in Petition.Klass.choices],
        "categories": categories,
        "deadlines": [(DEADLINE_LABELS[name], met) for name, met in scope.deadlines.items()],
        "agencies": per_agency if agency is None else [],
    }
    return render(request, "feedback/desk/figures.html", context)
