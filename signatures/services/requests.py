"""Đề nghị cấp chứng thư số: a provincial admin registers requests for officials (one by one or from an
Excel list) and for agencies, then approves or rejects them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from portal.text import nfc
from signatures import authority, profile
from signatures.errors import SignatureConflict, SignatureError, SignatureErrorCode, SignatureForbidden
from signatures.models import Certificate, CertificateAuthority, CertificateRequest
from signatures.services.ca import server_certificate_issue
from units.models import Agency

MAX_VALIDITY_DAYS = 5 * 365
State = CertificateRequest.State


def require_admin(user: User) -> None:
    if not (user.is_authenticated and user.is_provincial_admin):
        raise SignatureForbidden(_("Only a provincial admin may manage certificates."),
                                 code=SignatureErrorCode.FORBIDDEN)


def _validity(days: int | None) -> int:
    days = settings.SIGNATURES_CERT_VALIDITY_DAYS if days is None else days
    if not 1 <= days <= MAX_VALIDITY_DAYS:
        message = _("The validity must be between 1 and %(max)s days.") % {"max": MAX_VALIDITY_DAYS}
        raise SignatureError(message, code=SignatureErrorCode.BAD_VALIDITY,
                             extra={"errors": {"validity_days": [message]}})
    return days


def _clean(value: str, limit: int) -> str:
    return " ".join(nfc(value or "").split())[:limit]


def official_request_errors(official: User | None) -> list[str]:
    """Why this user cannot get an official's certificate (empty when they can)."""
    if official is None:
        return [_("Choose the official.")]
    if not official.is_active or official.role in (User.Role.CITIZEN, User.Role.ADMIN) or not official.agency_id:
        return [_("Certificates are issued to active officials of an agency.")]
    if CertificateRequest.objects.filter(official=official, state__in=(State.PENDING, State.APPROVED)).exists():
        return [_("%(name)s already has a request awaiting review or issuance.") % {"name": official}]
    return []


@transaction.atomic
def certificate_request_create(
    *, admin: User, official: User | None = None, agency: Agency | None = None, position: str = "",
    department: str = "", email: str = "", validity_days: int | None = None,
) -> CertificateRequest:
    """An official's request (``official``) or, without one, the agency's own (organisation certificate)."""
    require_admin(admin)
    days = _validity(validity_days)
    if official is not None or agency is None:
        errors = official_request_errors(official)
        if errors:
            raise SignatureError(errors[0], code=SignatureErrorCode.BAD_OFFICIAL,
                                 extra={"errors": {"official": errors}})
        fields = {"kind": CertificateRequest.Kind.PERSONAL, "official": official, "agency": official.agency,
                  "full_name": _clean(official.full_name or official.username, 150),
                  "position": _clean(position or official.position, 150), "email": (email or official.email).strip()}
    else:
        if CertificateRequest.objects.filter(kind=CertificateRequest.Kind.ORGANISATION, agency=agency,
                                             state__in=(State.PENDING, State.APPROVED)).exists():
            message = _("This agency already has a request awaiting review.")
            raise SignatureConflict(message, code=SignatureErrorCode.OPEN_REQUEST,
                                    extra={"errors": {"agency": [message]}})
        fields = {"kind": CertificateRequest.Kind.ORGANISATION, "agency": agency, "full_name": _clean(agency.name, 150),
                  "position": "", "email": email.strip()}
    try:
        with transaction.atomic():
            return CertificateRequest.objects.create(**fields, department=_clean(department, 255),
                                                     validity_days=days, requested_by=admin)
    except IntegrityError:  # another admin registered one for the same official a moment ago
        message = _("%(name)s already has a request awaiting review or issuance.") % {"name": official}
        raise SignatureConflict(message, code=SignatureErrorCode.OPEN_REQUEST,
                                extra={"errors": {"official": [message]}}) from None


def request_lock(request: CertificateRequest) -> CertificateRequest:
    return CertificateRequest.objects.select_for_update(of=("self",)).select_related("agency", "official").get(pk=request.pk)


def request_require_state(request: CertificateRequest, *states: str) -> None:
    if request.state not in states:
        raise SignatureConflict(
            _("This request is “%(state)s”: reload the page to see what changed.")
            % {"state": request.get_state_display()}, code=SignatureErrorCode.BAD_STATE)


@transaction.atomic
def certificate_request_approve(*, request: CertificateRequest, admin: User,
                                now: dt.datetime | None = None) -> CertificateRequest:
    """Approve: an official then chooses their PIN to have the certificate issued; an agency's certificate is
    issued at once (its key is held by the portal)."""
    require_admin(admin)
    request = request_lock(request)
    request_require_state(request, State.PENDING)
    now = now or timezone.now()
    request.state, request.reviewed_by, request.reviewed_at = State.APPROVED, admin, now
    if request.kind == CertificateRequest.Kind.ORGANISATION:
        request.certificate = _organisation_issue(request, now=now)
        request.state = State.ISSUED
    request.save(update_fields=["state", "reviewed_by", "reviewed_at", "certificate", "updated_at"])
    return request


@transaction.atomic
def certificate_request_reject(*, request: CertificateRequest, admin: User, reason: str) -> CertificateRequest:
    require_admin(admin)
    reason = nfc(reason or "").strip()
    if not reason:
        message = _("Say why the request is rejected.")
        raise SignatureError(message, code=SignatureErrorCode.REASON_REQUIRED,
                             extra={"errors": {"reason": [message]}})
    request = request_lock(request)
    request_require_state(request, State.PENDING, State.APPROVED)
    request.state, request.reviewed_by, request.reviewed_at = State.REJECTED, admin, timezone.now()
    request.rejection_reason = reason
    request.save(update_fields=["state", "reviewed_by", "reviewed_at", "rejection_reason", "updated_at"])
    return request


def request_subject(request: CertificateRequest) -> profile.Subject:
    agency = request.agency
    return profile.Subject(
        common_name=request.full_name, organisation=agency.name, unit=request.department, title=request.position,
        province=_province_name(agency), email=request.email)


def _province_name(agency: Agency) -> str:
    unit = agency.unit
    while unit.parent_id is not None:
        unit = unit.parent
    return unit.name


def _organisation_issue(request: CertificateRequest, *, now: dt.datetime) -> Certificate:
    ca = authority.ca_get(CertificateAuthority.Kind.ISSUING)
    return server_certificate_issue(kind=Certificate.Kind.ORGANISATION, subject=request_subject(request), ca=ca,
                                    days=request.validity_days, now=now, agency=request.agency)
