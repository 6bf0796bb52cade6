"""Input serializers of the incoming commands: they check types and lengths and resolve public keys within the
user's agency (a unit by its abbreviation, an official by username, a document type by its code, a register
by its id); the rules of the flow stay in the services, which answer in the same words as the pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import empty

from accounts.models import User
from documents.deadlines import MAX_DAYS
from documents.models import Assignment, Document, DocumentType, OrgUnit, Register

TEXT = {"required": False, "allow_blank": True, "default": ""}


class _Resolved:
    """A field whose value is a row: its own checks (length, NUL characters, bounds) run on the input before
    the query, not on the row after it as DRF would run them."""

    def run_validation(self, data=empty):
        is_empty, data = self.validate_empty_values(data)
        return data if is_empty else self.to_internal_value(data)


class _AgencyKey(_Resolved, serializers.CharField):
    """A key resolved to a row of the requesting user's agency; an unknown one is a field error."""

    def lookup(self, value: str, agency_id: int):
        raise NotImplementedError

    def to_internal_value(self, data):
        value = super().to_internal_value(data).strip()
        self.run_validators(value)  # length and NUL characters before any query
        row = self.lookup(value, self.context["agency_id"])
        if row is None:
            raise serializers.ValidationError(_("Not found in this agency: %(key)s.") % {"key": value})
        return row


class UnitField(_AgencyKey):
    def __init__(self, **kwargs):
        super().__init__(max_length=10, help_text="The unit's abbreviation (OrgUnit code: VP, VX).", **kwargs)

    def lookup(self, value, agency_id):
        return OrgUnit.objects.filter(agency_id=agency_id, code=value).first()


class OfficialField(_AgencyKey):
    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "An official of the agency, by username.")
        super().__init__(max_length=150, **kwargs)

    def lookup(self, value, agency_id):
        return User.objects.filter(agency_id=agency_id, username=value).first()


class RegisterField(_Resolved, serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2**31 - 1, help_text="An incoming register of the agency, by id; "
                         "omitted: the agency's register for the document's kind and secrecy.", **kwargs)

    def to_internal_value(self, data):
        pk = super().to_internal_value(data)
        self.run_validators(pk)
        register = Register.objects.filter(pk=pk, agency_id=self.context["agency_id"]).first()
        if register is None:
            raise serializers.ValidationError(_("Not found in this agency: %(key)s.") % {"key": pk})
        return register


class DocumentTypeField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=DocumentType.objects.filter(is_active=True),
                         help_text="The document type's code: quyet-dinh, cong-van, thong-bao…", **kwargs)


class ReceiveInput(serializers.Serializer):
    """A paper document scanned to PDF, with what is written on it (Appendix VI fields)."""

    file = serializers.FileField(help_text="The scan, as a PDF.")
    document_type = DocumentTypeField()
    subject = serializers.CharField(max_length=500, help_text="Trích yếu.")
    organ_name = serializers.CharField(max_length=200, help_text="The issuing agency.")
    organ_id = serializers.CharField(max_length=20, **TEXT)
    code_number = serializers.CharField(max_length=11, **TEXT)
    code_notation = serializers.CharField(max_length=30, **TEXT)
    issued_date = serializers.DateField(required=False, allow_null=True, default=None)
    signer_position = serializers.CharField(max_length=100, **TEXT)
    signer_name = serializers.CharField(max_length=50, **TEXT)
    urgency = serializers.ChoiceField(choices=Document.Urgency.choices, default=Document.Urgency.NORMAL)
    secrecy = serializers.ChoiceField(choices=Document.Secrecy.choices, default=Document.Secrecy.NONE)
    page_amount = serializers.IntegerField(min_value=1, max_value=999, required=False, allow_null=True,
                                           default=None)
    due_date = serializers.DateField(required=False, allow_null=True, default=None,
                                     help_text="The reply the document asks for is due by this date.")
    arrival_at = serializers.DateTimeField(required=False, allow_null=True, default=None,
                                           help_text="When it arrived; omitted: now.")


class RegisterInput(serializers.Serializer):
    register = RegisterField(required=False, allow_null=True, default=None)
    present_to = OfficialField(required=False, allow_null=True, default=None,
                               help_text="The leader it is presented to (required for a secret document when the "
                               "agency has several leaders).")
    confirm_duplicate = serializers.BooleanField(default=False, help_text="Register although the same sender's "
                                                 "number, symbol and date are already registered (else 409 "
                                                 "document.duplicate).")


class RefuseInput(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="Why it goes back; the sender sees it.", **TEXT)


class LineInput(serializers.Serializer):
    role = serializers.ChoiceField(choices=Assignment.Role.choices)
    unit = UnitField(required=False, allow_null=True, default=None)
    user = OfficialField(required=False, allow_null=True, default=None)
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    days = serializers.IntegerField(min_value=1, max_value=MAX_DAYS, required=False, allow_null=True, default=None,
                                    help_text="Instead of a date: this many working days from now.")
    instruction = serializers.CharField(max_length=2000, **TEXT)


class DirectInput(serializers.Serializer):
    """Phiếu giải quyết: exactly one lead; co-operating lines default to the lead's deadline."""

    note = serializers.CharField(max_length=2000, help_text="Ý kiến chỉ đạo.", **TEXT)
    lines = LineInput(many=True, allow_empty=False, max_length=30)
    on_behalf_of = OfficialField(required=False, allow_null=True, default=None,
                                 help_text="A clerk records the direction of this leader (username).")


class AssignInput(serializers.Serializer):
    assignment = serializers.IntegerField(min_value=1, max_value=2**31 - 1,
                                          help_text="The unit's assignment (its id in the document's assignments).")
    user = OfficialField(help_text="An official of the unit, by username.")
    deadline = serializers.DateField(required=False, allow_null=True, default=None,
                                     help_text="No later than the unit's; omitted: the unit's.")
    days = serializers.IntegerField(min_value=1, max_value=MAX_DAYS, required=False, allow_null=True, default=None)
    instruction = serializers.CharField(max_length=2000, **TEXT)


class CommentInput(serializers.Serializer):
    text = serializers.CharField(max_length=2000, **TEXT)


class CompleteInput(serializers.Serializer):
    result = serializers.CharField(max_length=2000, help_text="What was done.", **TEXT)
    assignment = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False, allow_null=True,
                                          default=None, help_text="Which of your open parts; omitted: your lead "
                                          "part, else your first.")
