"""Input serializers of the petition API: they bound every text (so an oversize value is refused before any
query), check types and choices, and resolve public keys (procedure code, centre slug, agency code, hotline
number) to rows. The rules of petitions stay in feedback.services, which give their own messages (a missing
contact, an empty text, a bad phone number, a dossier code that does not exist, a refused file)."""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

from accounts.models import User
from dossiers.api.inputs import AgencyCodeField, CentreSlugField, KeyField, ProcedureCodeField
from feedback.models import HotlineCall, Petition
from hotlines.models import Hotline

TEXT = {"required": False, "allow_blank": True, "default": ""}
# Longer than any petition, answer or note a person writes; a longer value is refused (400), not stored.
LONG_TEXT_MAX = 10_000
LINE_MAX = 255


class BlankAsNone:
    """A key left empty (as a form sends it) is no key: None, when the field is optional. The text's checks
    (KeyField.text: length) run before the query that resolves it, and not again on the row it found."""

    def run_validation(self, data=empty):
        if isinstance(data, str) and not data.strip():
            if self.required:
                self.fail("blank")
            return None
        return super().run_validation(data)

    def run_validators(self, value):
        if isinstance(value, str):
            super().run_validators(value)


class OptionalProcedure(BlankAsNone, ProcedureCodeField):
    pass


class OptionalCentre(BlankAsNone, CentreSlugField):
    pass


class OptionalAgency(BlankAsNone, AgencyCodeField):
    pass


class UploadField(serializers.FileField):
    """A file as sent: feedback.services checks it by content (type, size, pixels, active PDF content) and
    answers its own codes (feedback.file_type...)."""

    def to_internal_value(self, data):
        if not (hasattr(data, "read") and hasattr(data, "name")):
            self.fail("invalid")
        return data


class PetitionFieldsSerializer(serializers.Serializer):
    """What a petition says and who sends it (Decree 20/2008 Art. 7: name, address and phone number)."""

    title = serializers.CharField(max_length=200, allow_blank=True, help_text="The subject, in a few words.")
    content = serializers.CharField(max_length=LONG_TEXT_MAX, allow_blank=True,
                                    help_text="What happened: where, when, who, what.")
    kind = serializers.ChoiceField(choices=Petition.Kind.choices, required=False, default=Petition.Kind.FEEDBACK,
                                   help_text="feedback (phản ánh) or proposal (kiến nghị: with a proposed solution).")
    proposal = serializers.CharField(max_length=LONG_TEXT_MAX, **TEXT, help_text="The proposed solution.")
    about = serializers.ChoiceField(choices=Petition.About.choices, required=False, default=Petition.About.OTHER,
                                    help_text="What it is about (dossier when `dossier_code` is given).")
    name = serializers.CharField(max_length=150, **TEXT, help_text="Full name of the person or organisation.")
    address = serializers.CharField(max_length=LINE_MAX, **TEXT)
    phone = serializers.CharField(max_length=20, **TEXT, help_text="A Vietnamese phone number to call back on.")
    email = serializers.EmailField(max_length=254, **TEXT, help_text="For the receipt and the answer by e-mail.")
    procedure = OptionalProcedure(max_length=40, required=False, allow_null=True, default=None,
                                   help_text="National code of the procedure it is about (one in force).")
    centre = OptionalCentre(max_length=100, required=False, allow_null=True, default=None,
                             help_text="Slug of the service centre it is about.")
    official_name = serializers.CharField(max_length=150, **TEXT,
                                          help_text="Name of the official whose conduct it is about.")


class PetitionSubmitSerializer(PetitionFieldsSerializer):
    """JSON, or multipart with the attachments as ``files`` (repeated). Anonymous callers give name, address and
    phone; a citizen's account fills those it knows (the petition is then theirs: listed, and theirs to rate)."""

    dossier_code = serializers.CharField(max_length=40, **TEXT,
                                         help_text="Code of the dossier it is about (for a citizen's account: "
                                                   "one of their own dossiers).")
    files = serializers.ListField(child=UploadField(), required=False, default=list,
                                  help_text="Photos or PDFs (multipart only), checked by content; at most "
                                            "FEEDBACK_MAX_FILES (5).")


class CallPetitionSerializer(PetitionFieldsSerializer):
    """The petition opened from a call (outcome ``petition``): the caller's number and name are its contact
    unless given here; the call's dossier is what it is about."""


class CallInputSerializer(serializers.Serializer):
    caller_phone = serializers.CharField(max_length=20, help_text="The number the caller called from.")
    caller_name = serializers.CharField(max_length=150, **TEXT)
    summary = serializers.CharField(max_length=LONG_TEXT_MAX, allow_blank=True,
                                    help_text="What the caller said, truthfully (Decree 20/2008 Art. 7).")
    outcome = serializers.ChoiceField(choices=HotlineCall.Outcome.choices,
                                      help_text="answered (then `response`), petition (then `petition`), referred, "
                                                "no_action.")
    response = serializers.CharField(max_length=LONG_TEXT_MAX, **TEXT, help_text="What the officer answered.")
    dossier_code = serializers.CharField(max_length=40, **TEXT, help_text="Code of the dossier the caller asked "
                                                                          "about; its state is in the answer.")
    hotline = serializers.CharField(max_length=20, required=False, allow_null=True, default=None,
                                    help_text="The hotline number that was called (one of /api/v1/hotlines/).")
    started_at = serializers.DateTimeField(required=False, allow_null=True, default=None,
                                           help_text="When the call started (default: now); not in the future.")
    petition = CallPetitionSerializer(required=False, allow_null=True, default=None)

    def validate_hotline(self, value: str | None) -> Hotline | None:
        if not value:
            return None
        digits = re.sub(r"[\s.\-]", "", value)
        hotline = Hotline.objects.filter(number=digits, is_active=True).order_by("centre_id", "pk").first()
        if hotline is None:
            raise serializers.ValidationError(_("The portal has no hotline %(number)s.") % {"number": value})
        return hotline

    def validate_started_at(self, value):
        if value is not None and value > timezone.now() + timezone.timedelta(minutes=5):
            raise serializers.ValidationError(_("A call cannot start in the future."))
        return value


class PetitionFilterSerializer(serializers.Serializer):
    """Query parameters of the list of petitions."""

    state = serializers.ChoiceField(choices=Petition.State.choices, **TEXT)
    category = serializers.ChoiceField(choices=Petition.Category.choices, **TEXT)
    klass = serializers.ChoiceField(choices=Petition.Klass.choices, **TEXT,
                                    help_text="regulation (regulations, policies, procedures) or conduct (of "
                                              "officials): the two national classes.")
    agency = OptionalAgency(max_length=40, required=False, allow_null=True, default=None,
                             help_text="Electronic code of the agency holding them.")
    overdue = serializers.BooleanField(required=False, allow_null=True, default=None,
                                       help_text="true: only those past their next deadline; false: only those "
                                                 "not.")


class PublishedFilterSerializer(serializers.Serializer):
    q = serializers.CharField(max_length=200, **TEXT,
                              help_text="Words of the subject, content or answer; diacritics and case ignored.")
    category = serializers.ChoiceField(choices=Petition.Category.choices, **TEXT)
    agency = OptionalAgency(max_length=40, required=False, allow_null=True, default=None,
                             help_text="Electronic code of the agency that answered.")


class TrackSerializer(serializers.Serializer):
    phone = serializers.CharField(max_length=20, **TEXT,
                                  help_text="The phone number the petition was sent with: with it, `petitioner` "
                                            "holds its texts. Attempts are limited per petition (FEEDBACK_PHONE_RATE).")


class CallFilterSerializer(serializers.Serializer):
    date_from = serializers.DateField(required=False, allow_null=True, default=None,
                                      help_text="Calls that started on or after this day.")
    date_to = serializers.DateField(required=False, allow_null=True, default=None,
                                    help_text="Calls that started on or before this day.")
    outcome = serializers.ChoiceField(choices=HotlineCall.Outcome.choices, **TEXT)
    phone = serializers.CharField(max_length=20, **TEXT,
                                  help_text="The caller's number, or a part of it (at least 3 digits).")

    def validate_phone(self, value: str) -> str:
        if not value:
            return ""
        digits = re.sub(r"[\s.\-()]", "", value)
        if digits.startswith("+84"):
            digits = "0" + digits[3:]
        if not re.fullmatch(r"\d{3,11}", digits):
            raise serializers.ValidationError(_("Enter a phone number, or at least 3 of its digits."))
        return digits

    def validate(self, values: dict) -> dict:
        if values["date_from"] and values["date_to"] and values["date_from"] > values["date_to"]:
            raise serializers.ValidationError({"date_to": [_("The end of the period is before its start.")]})
        return values


@extend_schema_field(OpenApiTypes.STR)
class UsernameField(BlankAsNone, KeyField):
    """A handler, by username: an active official of the petition's agency (``context["petition"]``). Whether
    they may handle petitions is the service's to say (feedback.handler_not_here)."""

    def to_internal_value(self, data):
        username = self.text(data)
        petition = self.context["petition"]
        user = User.objects.filter(username=username, is_active=True, agency_id=petition.agency_id).first()
        if user is None:
            raise serializers.ValidationError(
                _("No official of %(agency)s has the username %(username)s.")
                % {"agency": petition.agency.display_name, "username": username})
        return user
