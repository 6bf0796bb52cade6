"""What the registers, reports and search pages ask for: a register and a period, a period, a query and
its filters. Bad values get a clear message and change nothing."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from documents.models import Document, DocumentType, Register
from documents.selectors.registers import RegisterKind, registers_for
from documents.selectors.search import MAX_QUERY, SearchFilters

MAX_DAYS = 366
FORMATS = [("pdf", _("PDF (for printing)")), ("xlsx", _("Excel workbook"))]


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


def _date(label):
    return forms.DateField(label=label, widget=_DateInput(),
                           error_messages={"invalid": _("Enter a date, e.g. 31/12/2026.")})


class PeriodForm(forms.Form):
    """A period of at most a year, this calendar year unless asked otherwise."""

    start = _date(pgettext_lazy("period", "From"))
    end = _date(pgettext_lazy("period", "To"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = timezone.localdate().year
        self.fields["start"].initial = dt.date(year, 1, 1)
        self.fields["end"].initial = dt.date(year, 12, 31)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end of the period must not be before its start."))
            elif (end - start).days >= MAX_DAYS:
                self.add_error("end", _("Choose a period of at most one year."))
        return data


class RegisterForm(PeriodForm):
    """Which register, for which period, in which format."""

    kind = forms.ChoiceField(label=pgettext_lazy("document register", "Register"), choices=RegisterKind.choices,
                             widget=forms.RadioSelect, initial=RegisterKind.OUTGOING)
    register = forms.ModelChoiceField(label=_("Register book"), queryset=Register.objects.none(), required=False,
                                      empty_label=_("All incoming registers (tracking register only)"),
                                      error_messages={"invalid_choice": _("Choose one of the registers listed.")})
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, widget=forms.RadioSelect, initial="pdf")
    field_order = ["kind", "register", "start", "end", "format"]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        books = registers_for(user)
        self.fields["register"].queryset = books
        self.fields["register"].initial = next((book for book in books if book.direction == Register.Direction.OUTGOING
                                                and not book.secret), None)

    def clean(self):
        data = super().clean()
        kind, register = data.get("kind"), data.get("register")
        wanted = Register.Direction.OUTGOING if kind == RegisterKind.OUTGOING else Register.Direction.INCOMING
        if kind and register is None and kind != RegisterKind.TRACKING:
            self.add_error("register", _("Choose the register book to print."))
        elif kind and register is not None and register.direction != wanted:
            self.add_error("register", _("This register book is not one of %(kind)s.") % {
                "kind": Register.Direction(wanted).label.lower()})
        return data


class ReportForm(PeriodForm):
    KINDS = [("incoming", _("Handling of incoming documents")), ("outgoing", _("Outgoing documents issued"))]

    kind = forms.ChoiceField(label=_("Report"), choices=KINDS, widget=forms.RadioSelect, initial="incoming")
    field_order = ["kind", "start", "end"]


class SearchForm(forms.Form):
    """Tra cứu văn bản: every value optional; a bad filter is reported and ignored, a bad query searches
    nothing."""

    DATE_FIELDS = [("issued", _("Date of the document")), ("arrival", _("Date of arrival"))]

    q = forms.CharField(label=_("Words, number or symbol"), required=False, max_length=MAX_QUERY,
                        widget=forms.SearchInput(attrs={"placeholder": _('e.g. quyet dinh khen thuong, 15/QĐ-UBND, '
                                                                          '"ke hoach phong chong"')}))
    direction = forms.ChoiceField(label=_("Incoming or outgoing"), required=False,
                                  choices=[("", _("Incoming and outgoing")), *Document.Direction.choices])
    type = forms.ModelChoiceField(label=_("Document type"), required=False, to_field_name="code",
                                  queryset=DocumentType.objects.filter(is_active=True), empty_label=_("All types"))
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("All states")),
                                                                         *Document.State.choices])
    urgency = forms.TypedChoiceField(label=_("Urgency"), required=False, coerce=int, empty_value=None,
                                     choices=[("", _("Any urgency")), *Document.Urgency.choices])
    secrecy = forms.TypedChoiceField(label=_("Secrecy"), required=False, coerce=int, empty_value=None,
                                     choices=[("", _("Any secrecy")), *Document.Secrecy.choices])
    date_field = forms.ChoiceField(label=_("Period by"), required=False, choices=DATE_FIELDS)
    date_from = forms.DateField(label=pgettext_lazy("period", "From"), required=False, widget=_DateInput())
    date_to = forms.DateField(label=pgettext_lazy("period", "To"), required=False, widget=_DateInput())
    sender = forms.CharField(label=_("Issuing agency (name or code)"), required=False, max_length=200)
    signer = forms.CharField(label=_("Signer"), required=False, max_length=100)

    def filters(self) -> SearchFilters | None:
        """The valid filters (a bad one is dropped), or None when the query itself is not valid."""
        self.is_valid()
        if "q" in self.errors:
            return None
        data = self.cleaned_data
        return SearchFilters(
            query=(data.get("q") or "").strip(), direction=data.get("direction") or "",
            document_type=data["type"].code if data.get("type") else "", state=data.get("state") or "",
            urgency=data.get("urgency"), secrecy=data.get("secrecy"), date_field=data.get("date_field") or "issued",
            date_from=data.get("date_from"), date_to=data.get("date_to"), sender=(data.get("sender") or "").strip(),
            signer=(data.get("signer") or "").strip())

    def as_querydict(self) -> QueryDict:
        """The valid, non-empty values, for the page links."""
        self.is_valid()
        query = QueryDict(mutable=True)
        for name, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, DocumentType):
                value = value.code
            query[name] = str(value)
        return query
