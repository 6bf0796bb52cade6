"""Reads the pages, the API and the services share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from signatures import authority
from signatures.models import Certificate, CertificateAuthority, CertificateRequest
from signatures.pdfsign import Trust
from units.models import Agency


def _valid_at(at: dt.datetime) -> Q:
    return Q(not_before__lte=at, not_after__gt=at) & (Q(revoked_at__isnull=True) | Q(revoked_at__gt=at))


def signing_certificate_for(user: User, *, at: dt.datetime | None = None) -> Certificate | None:
    """The official's certificate that may sign now (the newest valid one)."""
    if not user.is_authenticated:
        return None
    return (Certificate.objects.filter(_valid_at(at or timezone.now()), holder=user, kind=Certificate.Kind.PERSONAL)
            .select_related("token", "agency").order_by("-not_before", "-id").first())


def organisation_certificate_for(agency: Agency, *, at: dt.datetime | None = None) -> Certificate | None:
    return (Certificate.objects.filter(_valid_at(at or timezone.now()), agency=agency,
                                       kind=Certificate.Kind.ORGANISATION)
            .select_related("token").order_by("-not_before", "-id").first())


def timestamping_certificate(*, at: dt.datetime | None = None) -> Certificate | None:
    return (Certificate.objects.filter(_valid_at(at or timezone.now()), kind=Certificate.Kind.TIMESTAMPING)
            .select_related("token").order_by("-not_before", "-id").first())


def certificates_of(user: User) -> QuerySet[Certificate]:
    return Certificate.objects.filter(holder=user).select_related("token", "agency").order_by("-not_before", "-id")


def requests_of(user: User) -> QuerySet[CertificateRequest]:
    return CertificateRequest.objects.filter(official=user).select_related("agency", "certificate")


def request_list(*, state: str = "", query: str = "") -> QuerySet[CertificateRequest]:
    requests = CertificateRequest.objects.select_related("agency", "official", "certificate", "requested_by")
    if state:
        requests = requests.filter(state=state)
    if query:
        requests = requests.filter(Q(full_name__icontains=query) | Q(official__username__icontains=query)
                                   | Q(agency__name__icontains=query))
    return requests.order_by("-created_at", "-id")


def certificate_list(*, status: str = "", query: str = "") -> QuerySet[Certificate]:
    now = timezone.now()
    certificates = Certificate.objects.exclude(kind=Certificate.Kind.TIMESTAMPING).select_related(
        "holder", "agency", "token")
    if status == "valid":
        certificates = certificates.filter(_valid_at(now))
    elif status == "revoked":
        certificates = certificates.filter(revoked_at__isnull=False)
    elif status == "expired":
        certificates = certificates.filter(not_after__lte=now, revoked_at__isnull=True)
    elif status == "locked":
        certificates = certificates.filter(token__locked_at__isnull=False)
    if query:
        certificates = certificates.filter(Q(common_name__icontains=query) | Q(serial__iexact=query)
                                           | Q(holder__username__icontains=query) | Q(agency__name__icontains=query))
    return certificates.order_by("-not_before", "-id")


def verification_trust() -> tuple[Trust, dict[str, dt.datetime]]:
    """The chain and the current CRLs, and when each revoked certificate was revoked (by serial)."""
    revoked = dict(Certificate.objects.filter(revoked_at__isnull=False).values_list("serial", "revoked_at"))
    return authority.trust(), revoked


def ca_ready() -> bool:
    return CertificateAuthority.objects.filter(kind=CertificateAuthority.Kind.ISSUING).exists()


@dataclass(frozen=True)
class AgencyReadiness:
    agency: Agency
    signers: int
    ready: int
    organisation_ready: bool

    @property
    def missing(self) -> int:
        return self.signers - self.ready

    @property
    def percent(self) -> int:
        return round(100 * self.ready / self.signers) if self.signers else 100


def readiness(*, at: dt.datetime | None = None) -> list[AgencyReadiness]:
    """Per agency: how many of its officials who sign (leaders) hold a valid certificate, and whether the
    agency has its own organisation certificate. Two queries whatever the number of agencies."""
    at = at or timezone.now()
    valid = Certificate.objects.filter(_valid_at(at), holder=OuterRef("pk"), kind=Certificate.Kind.PERSONAL)
    counts = {row["agency_id"]: row for row in (
        User.objects.filter(role=User.Role.LEADER, is_active=True, agency__isnull=False)
        .annotate(has_certificate=Exists(valid)).values("agency_id")
        .annotate(signers=Count("id"), ready=Count("id", filter=Q(has_certificate=True))))}
    organisation = Certificate.objects.filter(_valid_at(at), agency=OuterRef("pk"),
                                              kind=Certificate.Kind.ORGANISATION)
    agencies = Agency.objects.filter(pk__in=counts.keys()).annotate(organisation_ready=Exists(organisation))
    return sorted((AgencyReadiness(agency=a, signers=counts[a.pk]["signers"], ready=counts[a.pk]["ready"],
                                   organisation_ready=a.organisation_ready) for a in agencies),
                  key=lambda r: (r.percent, r.agency.name))
