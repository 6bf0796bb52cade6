"""The forms of the incoming flow's pages: receiving a paper document, registering, returning, the phiếu giải
quyết (direction), the unit head's assignment, the handler's comment and completion. They check the shape of
the input; the services check the rest (and say it in the same words over the API)."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from documents.deadlines import MAX_DAYS
from documents.errors import DocumentError
from documents.incoming_rules import Situation
from documents.models import Assignment, Document, DocumentType, OrgUnit, Register, UnitMembership
from documents.services.handling import DirectionLine


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


def _text(label, *, rows=3, required=True, max_length=2000, help_text=""):
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))


class ServiceErrors:
    """Put a service's field errors (``extra["errors"]``) on the form's fields, the rest above it."""

    def add_service_errors(self, error: DocumentError) -> None:
        for name, messages in (error.extra.get("errors") or {}).items():
            field = name if name in self.fields else None
            for message in messages if isinstance(messages, list) else [messages]:
                self.add_error(field, str(message))


def leaders_of(agency_id: int):
    return User.objects.filter(agency_id=agency_id, role=User.Role.LEADER, is_active=True).order_by("full_name")


class RegisterFields(forms.Form):
    register = forms.ModelChoiceField(label=pgettext_lazy("document register", "Register"), queryset=Register.objects.none(), required=False,
                                      empty_label=_("The agency's register for this document"))
    present_to = forms.ModelChoiceField(label=_("Present to"), queryset=User.objects.none(), required=False,
                                        empty_label=_("Any leader"),
                                        help_text=_("A secret document is seen only by the leader it is presented "
                                                    "to."))
    confirm_duplicate = forms.BooleanField(label=_("Register it although the same document is already registered"),
                                           required=False)

    def __init__(self, *args, agency_id: int, secret: bool | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        registers = Register.objects.filter(agency_id=agency_id, direction=Register.Direction.INCOMING,
                                            is_active=True)
        if secret is not None:
            registers = registers.filter(secret=secret)
        self.fields["register"].queryset = registers.order_by("secret", "name")
        self.fields["present_to"].queryset = leaders_of(agency_id)
        self.fields["present_to"].label_from_instance = lambda user: user.full_name or user.username


class RegisterForm(ServiceErrors, RegisterFields):
    def __init__(self, *args, document: Document, duplicates: bool = False, **kwargs):
        super().__init__(*args, agency_id=document.agency_id, secret=document.is_secret, **kwargs)
        if not document.is_secret:
            self.fields["present_to"].help_text = ""
        if not duplicates:
            del self.fields["confirm_duplicate"]

    def values(self) -> dict:
        data = self.cleaned_data
        return {"register": data.get("register"), "present_to": data.get("present_to"),
                "confirm_duplicate": bool(data.get("confirm_duplicate"))}


class ReceivePaperForm(ServiceErrors, RegisterFields):
    """Tiếp nhận văn bản giấy: the scan and what is written on the document; registered at once by default."""

    file = forms.FileField(label=_("Scanned document (PDF)"))
    organ_name = forms.CharField(label=_("Issuing agency"), max_length=200)
    organ_id = forms.CharField(label=_("Issuer's code"), max_length=20, required=False,
                               help_text=_("Its electronic identification code, if known."))
    document_type = forms.ModelChoiceField(label=_("Document type"), queryset=DocumentType.objects.none())
    code_number = forms.CharField(label=_("Number"), max_length=11, required=False)
    code_notation = forms.CharField(label=_("Symbol"), max_length=30, required=False,
                                    help_text=_("As written after the number: QĐ-UBND."))
    issued_date = forms.DateField(label=_("Date of the document"), widget=DateInput())
    subject = _text(_("Subject (trích yếu)"), rows=2, max_length=500)
    signer_position = forms.CharField(label=_("Signer's position"), max_length=100, required=False)
    signer_name = forms.CharField(label=_("Signer"), max_length=50, required=False)
    urgency = forms.TypedChoiceField(label=_("Urgency"), choices=Document.Urgency.choices, coerce=int,
                                     initial=Document.Urgency.NORMAL)
    secrecy = forms.TypedChoiceField(label=_("Secrecy"), choices=Document.Secrecy.choices, coerce=int,
                                     initial=Document.Secrecy.NONE)
    page_amount = forms.IntegerField(label=pgettext_lazy("page count", "Pages"), min_value=1, max_value=999, required=False)
    due_date = forms.DateField(label=_("Reply due"), required=False, widget=DateInput(),
                               help_text=_("When the document asks for an answer by a date."))
    arrival_at = forms.DateTimeField(label=pgettext_lazy("incoming document", "Arrived"), required=False,
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                format="%Y-%m-%dT%H:%M"),
                                     help_text=_("Leave empty for now."))
    register_now = forms.BooleanField(label=_("Register it now"), required=False, initial=True)

    field_order = ["file", "organ_name", "organ_id", "document_type", "code_number", "code_notation",
                   "issued_date", "subject", "signer_position", "signer_name", "urgency", "secrecy",
                   "page_amount", "due_date", "arrival_at", "register_now", "register", "present_to",
                   "confirm_duplicate"]

    def __init__(self, *args, agency_id: int, **kwargs):
        super().__init__(*args, agency_id=agency_id, **kwargs)
        self.order_fields(self.field_order)
        types = DocumentType.objects.filter(is_active=True)
        self.fields["document_type"].queryset = types
        self.fields["document_type"].initial = types.filter(code="cong-van").first()
        self.fields["document_type"].label_from_instance = lambda kind: kind.display_name

    def groups(self) -> list[tuple[str, list]]:
        """The fields by fieldset: the scan, what is written on the document, its registration."""
        names = [("file",), ("organ_name", "organ_id", "document_type", "code_number", "code_notation",
                             "issued_date", "subject", "signer_position", "signer_name", "urgency", "secrecy",
                             "page_amount", "due_date", "arrival_at"),
                 ("register_now", "register", "present_to", "confirm_duplicate")]
        titles = [_("The scan"), _("What is written on it"), _("Registration")]
        return [(title, [self[name] for name in group]) for title, group in zip(titles, names, strict=True)]

    def values(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name) for name in (
            "document_type", "subject", "organ_name", "organ_id", "code_number", "code_notation", "issued_date",
            "signer_position", "signer_name", "urgency", "secrecy", "page_amount", "due_date", "arrival_at")}


class RefuseForm(ServiceErrors, forms.Form):
    reason = _text(_("Reason"), max_length=500, help_text=_("The sender sees it: e.g. the signature is not valid, "
                                                            "or the document is not addressed to this agency."))

    def values(self) -> dict:
        return {"reason": self.cleaned_data["reason"]}


def targets_of(agency_id: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """The units and officials of an agency a document can be given to, as grouped choices."""
    units = [(f"unit:{u.pk}", u.display_name) for u in OrgUnit.objects.filter(agency_id=agency_id, is_active=True)]
    people = [(f"user:{u.pk}", u.full_name or u.username) for u in User.objects.filter(
        agency_id=agency_id, is_active=True, role__in=(User.Role.SPECIALIST, User.Role.LEADER, User.Role.CLERK,
                                                       User.Role.OFFICER)).order_by("full_name")]
    return [(_("Units"), units), (_("Officials"), people)]


class DirectionLineForm(forms.Form):
    target = forms.ChoiceField(label=_("Unit or official"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Assignment.Role.choices, initial=Assignment.Role.COOPERATE)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())
    days = forms.IntegerField(label=_("or working days"), min_value=1, max_value=MAX_DAYS, required=False)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "—"), *targets]


DirectionLines = formset_factory(DirectionLineForm, extra=3, max_num=12, absolute_max=12)


class DirectForm(ServiceErrors, forms.Form):
    """Phiếu giải quyết văn bản đến: the leader's direction and who handles the document by when."""

    note = _text(_("Direction (ý kiến chỉ đạo)"), required=False)
    on_behalf_of = forms.ModelChoiceField(label=_("Direction given by"), queryset=User.objects.none(),
                                          required=False, help_text=_("The leader whose direction you record."))

    def __init__(self, data=None, *, document: Document, user: User, **kwargs):
        super().__init__(data, **kwargs)
        if user.role == User.Role.LEADER:
            del self.fields["on_behalf_of"]
        else:
            self.fields["on_behalf_of"].queryset = leaders_of(document.agency_id)
            self.fields["on_behalf_of"].label_from_instance = lambda leader: leader.full_name or leader.username
        targets = targets_of(document.agency_id)
        initial = [{"role": Assignment.Role.LEAD, "deadline": document.due_date}]
        self.lines = DirectionLines(data, prefix="lines", initial=initial, form_kwargs={"targets": targets})

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.lines.is_valid()])

    def values(self) -> dict:
        chosen = [(row.get("target") or "").partition(":") for row in self.lines.cleaned_data]
        rows = [(kind, int(pk), row) for (kind, _sep, pk), row in zip(chosen, self.lines.cleaned_data, strict=True)
                if pk]
        units = OrgUnit.objects.in_bulk([pk for kind, pk, _row in rows if kind == "unit"])
        users = User.objects.in_bulk([pk for kind, pk, _row in rows if kind == "user"])
        lines = [DirectionLine(role=row["role"], unit=units.get(pk) if kind == "unit" else None,
                               user=users.get(pk) if kind == "user" else None, deadline=row.get("deadline"),
                               days=row.get("days")) for kind, pk, row in rows]
        return {"note": self.cleaned_data.get("note", ""), "lines": lines,
                "on_behalf_of": self.cleaned_data.get("on_behalf_of")}


class AssignForm(ServiceErrors, forms.Form):
    """Ý kiến của lãnh đạo đơn vị: the unit's part to one of its officials."""

    assignment = forms.ModelChoiceField(label=_("Part of the unit"), queryset=Assignment.objects.none())
    user = forms.ModelChoiceField(label=_("Official"), queryset=User.objects.none())
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput(),
                               help_text=_("Empty: the unit's deadline."))
    days = forms.IntegerField(label=_("or working days"), min_value=1, max_value=MAX_DAYS, required=False)
    instruction = _text(_("Instruction"), required=False, rows=2)

    def __init__(self, data=None, *, situation: Situation, **kwargs):
        super().__init__(data, **kwargs)
        parts = situation.to_assign
        self.fields["assignment"].queryset = Assignment.objects.filter(pk__in=[a.pk for a in parts])
        self.fields["assignment"].label_from_instance = lambda a: (
            f"{a.unit.display_name} · {a.get_role_display()}" if a.unit_id else a.get_role_display())
        if len(parts) == 1:
            self.fields["assignment"].initial = parts[0].pk
            self.fields["assignment"].widget = forms.HiddenInput()
        members = UnitMembership.objects.filter(unit_id__in={a.unit_id for a in parts}).values("user_id")
        self.fields["user"].queryset = User.objects.filter(pk__in=members, is_active=True).order_by("full_name")
        self.fields["user"].label_from_instance = lambda user: user.full_name or user.username

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ("assignment", "user", "deadline", "days",
                                                               "instruction")}


class CommentForm(ServiceErrors, forms.Form):
    text = _text(_("Comment or proposal"))

    def values(self) -> dict:
        return {"text": self.cleaned_data["text"]}


class CompleteForm(ServiceErrors, forms.Form):
    result = _text(_("What was done"))
    assignment = forms.ModelChoiceField(label=_("Part"), queryset=Assignment.objects.none(), required=False)

    def __init__(self, data=None, *, situation: Situation, **kwargs):
        super().__init__(data, **kwargs)
        mine = situation.own_open
        if len(mine) > 1:
            self.fields["assignment"].queryset = Assignment.objects.filter(pk__in=[a.pk for a in mine])
            self.fields["assignment"].label_from_instance = lambda a: a.get_role_display()
        else:
            del self.fields["assignment"]

    def values(self) -> dict:
        return {"result": self.cleaned_data["result"], "assignment": self.cleaned_data.get("assignment")}
