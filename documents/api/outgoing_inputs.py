"""The inputs of the outgoing flow's API commands. Resources are named as the public knows them: a kind of
document by its code (``cong-van``), an agency by its electronic code, a unit by its abbreviation (``VP``),
the signer by their user name, a register by its name, documents by their UUID."""

from __future__ import annotations

import json

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from documents.models import Document, DocumentType, OrgUnit, Register
from documents.services.outgoing import RecipientSpec
from units.models import Agency


class OutgoingRecipientInputSerializer(serializers.Serializer):
    agency = serializers.CharField(required=False, allow_blank=True, max_length=20,
                                   help_text="An agency in the portal, by its electronic code.")
    unit = serializers.CharField(required=False, allow_blank=True, max_length=10,
                                 help_text="A unit of the own agency, by its abbreviation (VP, VX).")
    name = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                 help_text="An organisation outside the portal, by name.")
    organ_id = serializers.CharField(required=False, allow_blank=True, max_length=20,
                                     help_text="Its electronic code, when known.")
    for_information = serializers.BooleanField(required=False, default=False)


@extend_schema_field(OutgoingRecipientInputSerializer(many=True))
class RecipientsField(serializers.Field):
    """A list of recipients; in a multipart request, the same list as a JSON string."""

    default_error_messages = {"invalid": _("Give the recipients as a list of objects.")}

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                self.fail("invalid")
        if not isinstance(data, list) or len(data) > 200:
            self.fail("invalid")
        rows = OutgoingRecipientInputSerializer(data=data, many=True)
        rows.is_valid(raise_exception=True)
        return rows.validated_data

    def to_representation(self, value):
        return value


class OutgoingDraftSerializer(serializers.Serializer):
    document_type = serializers.CharField(max_length=40, help_text="The kind's code: cong-van, quyet-dinh…")
    subject = serializers.CharField(max_length=500)
    signer = serializers.CharField(max_length=150, help_text="The signing leader's user name.")
    drafting_unit = serializers.CharField(required=False, allow_blank=True, max_length=10,
                                          help_text="The drafting unit's abbreviation; default: the drafter's.")
    urgency = serializers.ChoiceField(choices=Document.Urgency.choices, required=False, default=0)
    secrecy = serializers.ChoiceField(choices=Document.Secrecy.choices, required=False, default=0)
    due_date = serializers.DateField(required=False, allow_null=True, help_text="Hạn trả lời.")
    authority_line = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                           help_text="Lines above the signature, one a line (TM. ỦY BAN NHÂN "
                                                     "DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH); default from the signer.")
    description = serializers.CharField(required=False, allow_blank=True, max_length=500)
    recipients = RecipientsField()
    body = serializers.CharField(required=False, allow_blank=True, max_length=50_000,
                                 help_text="The text (one paragraph a line), composed in the Appendix I layout.")
    file = serializers.FileField(required=False, help_text="Or the draft as a PDF or a Word (.docx) file.")

    def resolved(self, user: User, data: dict | None = None) -> dict:
        """The services' arguments, each name looked up in the user's agency (unknown ones are field errors);
        from ``data`` when given (the validated data completed), else the validated data."""
        data, errors = dict(self.validated_data if data is None else data), {}

        def find(field, queryset, **lookup):
            found = queryset.filter(**lookup).first()
            if found is None:
                errors[field] = [str(_("No such value: %(value)s.") % {"value": next(iter(lookup.values()))})]
            return found

        values = {
            "document_type": find("document_type", DocumentType.objects.filter(is_active=True),
                                  code=data["document_type"]),
            "subject": data["subject"], "urgency": int(data.get("urgency") or 0),
            "secrecy": int(data.get("secrecy") or 0), "due_date": data.get("due_date"),
            "authority_line": data.get("authority_line") or "", "description": data.get("description") or "",
            "signer": find("signer", User.objects.filter(agency_id=user.agency_id), username=data["signer"]),
            "drafting_unit": find("drafting_unit", OrgUnit.objects.filter(agency_id=user.agency_id),
                                  code=data["drafting_unit"]) if data.get("drafting_unit") else None,
        }
        recipients = []
        for index, row in enumerate(data["recipients"]):
            field = f"recipients.{index}"
            if row.get("agency"):
                recipients.append(RecipientSpec(agency=find(field, Agency.objects, code=row["agency"]),
                                                for_information=row["for_information"]))
            elif row.get("unit"):
                recipients.append(RecipientSpec(unit=find(field, OrgUnit.objects.filter(agency_id=user.agency_id),
                                                          code=row["unit"]), for_information=row["for_information"]))
            else:
                recipients.append(RecipientSpec(external_name=row.get("name") or "", external_organ_id=row.get(
                    "organ_id") or "", for_information=row["for_information"]))
        values["recipients"] = recipients
        values["body"], values["upload"] = data.get("body") or "", data.get("file")
        if errors:
            from documents.errors import DocumentError, DocumentErrorCode

            raise DocumentError(str(_("Please check these fields: %(fields)s.") % {"fields": ", ".join(errors)}),
                                code=DocumentErrorCode.INVALID, extra={"errors": errors})
        return values


class OutgoingCreateSerializer(OutgoingDraftSerializer):
    reply_to = serializers.UUIDField(required=False, allow_null=True,
                                     help_text="The incoming document this one answers.")
    replaces = serializers.UUIDField(required=False, allow_null=True,
                                     help_text="The issued document this one replaces (Art. 18.3).")
    corrects = serializers.UUIDField(required=False, allow_null=True,
                                     help_text="The issued document this công văn corrects (Art. 18.3).")


class OutgoingReviseSerializer(OutgoingDraftSerializer):
    """Every detail is optional: what is given changes; recipients, when given, replace the list."""

    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class OutgoingNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class OutgoingSendBackSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, help_text="What is to be changed.")


class OutgoingSignSerializer(serializers.Serializer):
    pin = serializers.CharField(max_length=64, help_text="The PIN of the leader's signing certificate.")
    expected_sha256 = serializers.CharField(required=False, allow_blank=True, max_length=64,
                                            help_text="The SHA-256 of the draft the leader looked at (its file's "
                                                      "sha256); refused with 409 when the draft changed since.")


class OutgoingNumberSerializer(serializers.Serializer):
    register = serializers.CharField(required=False, allow_blank=True, max_length=150,
                                     help_text="The outgoing register's name; default: the agency's register "
                                               "for the document's kind and secrecy.")
    number = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=99_999_999,
                                      help_text="A number typed by hand (one set aside); default: the next.")
    issue = serializers.BooleanField(required=False, default=False, help_text="Issue it at once as well.")

    def resolved(self, document: Document) -> dict:
        data = self.validated_data
        register = None
        if data.get("register"):
            register = Register.objects.filter(agency_id=document.agency_id, direction="outgoing",
                                               name=data["register"]).first()
            if register is None:
                from documents.errors import DocumentError, DocumentErrorCode

                message = str(_("Your agency has no outgoing register named “%(name)s”.") % {"name": data["register"]})
                raise DocumentError(message, code=DocumentErrorCode.WRONG_REGISTER,
                                    extra={"errors": {"register": [message]}})
        return {"register": register, "number": data.get("number"), "issue": bool(data.get("issue"))}


class OutgoingRecallSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
