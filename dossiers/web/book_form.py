"""The tracking book's request (Sổ theo dõi hồ sơ): which centre, which period, which format."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from portal.collation import vietnamese
from units.models import ServiceCentre

MAX_DAYS = 366


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


def book_centres(user: User):
    """Officers keep their own centre's book; provincial admins read any centre's."""
    if user.is_provincial_admin:
        return ServiceCentre.objects.select_related("agency__parent", "unit").order_by("level", vietnamese("name"))
    if user.role == User.Role.OFFICER and user.centre_id:
        return ServiceCentre.objects.select_related("agency__parent", "unit").filter(pk=user.centre_id)
    return ServiceCentre.objects.none()


class BookForm(forms.Form):
    FORMATS = [("pdf", _("PDF (for printing)")), ("xlsx", _("Excel workbook"))]

    centre = forms.ModelChoiceField(label=_("Service centre"), queryset=ServiceCentre.objects.none(),
                                    empty_label=None,
                                    error_messages={"invalid_choice": _("Choose one of the centres listed.")})
    start = forms.DateField(label=_("Received from"), widget=_DateInput(),
                            error_messages={"invalid": _("Enter a date, e.g. 01/07/2025.")})
    end = forms.DateField(label=_("Received to"), widget=_DateInput(),
                          error_messages={"invalid": _("Enter a date, e.g. 31/07/2025.")})
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, widget=forms.RadioSelect, initial="pdf")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = book_centres(user)
        today = timezone.localdate()
        self.fields["start"].initial = today.replace(day=1)
        self.fields["end"].initial = today

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end of the period must not be before its start."))
            elif (end - start) > datetime.timedelta(days=MAX_DAYS - 1):
                self.add_error("end", _("Choose a period of at most one year."))
        return data
