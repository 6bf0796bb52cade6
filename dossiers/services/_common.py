"""Pieces every dossier service shares: the row lock, the guards' messages, the applicant's data."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from accounts.cccd import normalize_cccd, validate_cccd_structure
from accounts.phones import normalize_mobile
from dossiers.errors import DossierConflict, DossierError, DossierErrorCode, DossierForbidden, DossierNotFound
from dossiers.models import Dossier
from portal.text import nfc, search_fold


@dataclass(frozen=True)
class ApplicantData:
    """Người nộp hồ sơ: who applies, as written on the receipt slip."""

    name: str
    cccd: str
    phone: str = ""
    email: str = ""
    address: str = ""
    # The signed record of a lookup in the national population database (dossiers.registry), if any:
    # the service records which fields still hold its values.
    registry_token: str = ""

    def cleaned(self) -> ApplicantData:
        """The same data normalised (NFC, digits only). Raises DossierError with every field's problem."""
        errors: dict[str, list[str]] = {}
        name = " ".join(nfc(self.name).split())
        if not name:
            errors["applicant_name"] = [_("Enter the applicant's full name.")]
        cccd = normalize_cccd(self.cccd or "")
        try:
            validate_cccd_structure(cccd)
        except ValidationError as exc:
            errors["applicant_cccd"] = exc.messages
        phone = ""
        if (self.phone or "").strip():
            try:
                phone = normalize_mobile(self.phone)
            except ValidationError as exc:
                errors["applicant_phone"] = exc.messages
        email = (self.email or "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors["applicant_email"] = [_("Enter a valid email address.")]
        if errors:
            raise DossierError(_("Please correct the applicant's details."), code=DossierErrorCode.INVALID,
                               extra={"errors": errors})
        return ApplicantData(name=name, cccd=cccd, phone=phone, email=email,
                             address=" ".join(nfc(self.address).split()), registry_token=self.registry_token or "")

    def apply_to(self, dossier: Dossier) -> None:
        dossier.applicant_name, dossier.applicant_cccd = self.name, self.cccd
        dossier.applicant_phone, dossier.applicant_email = self.phone, self.email
        dossier.applicant_address = self.address
        dossier.search_name = search_fold(self.name)


def lock(dossier: Dossier) -> Dossier:
    """The dossier's row, locked until the transaction ends, as it is now in the database."""
    try:
        return Dossier.objects.select_for_update(of=("self",)).select_related(
            "procedure_version__procedure", "centre__agency").get(pk=dossier.pk)
    except Dossier.DoesNotExist:  # a draft its author deleted meanwhile
        raise DossierNotFound(_("There is no such dossier, or it is not yours to see."),
                              code=DossierErrorCode.NOT_FOUND) from None


def guard(allowed: bool, dossier: Dossier) -> None:
    """Refuse a transition the dossier's state does not allow (409: someone else may have acted first)."""
    if not allowed:
        if not dossier.code:  # an unsent draft: named by its procedure, not by a code it does not have
            message = _("The dossier of “%(procedure)s” is still a draft; this action is only possible once it "
                        "has been submitted.") % {"procedure": dossier.procedure_version.display_name}
        else:
            message = _("Dossier %(code)s is now “%(state)s”; this action is no longer possible. Reload the page "
                        "to see what changed.") % {"code": dossier.code, "state": dossier.get_state_display()}
        raise DossierConflict(
            message,
            code=DossierErrorCode.BAD_STATE, extra={"state": dossier.state},
        )


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise DossierForbidden(message, code=DossierErrorCode.FORBIDDEN)


def required_text(value: str, *, field: str, message: str) -> str:
    text = nfc(value or "").strip()
    if not text:
        raise DossierError(message, code=DossierErrorCode.INVALID, extra={"errors": {field: [message]}})
    return text
