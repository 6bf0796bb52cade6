"""The demo's certificate authority, ready to use: the CA itself, the Hạ Long ward People's Committee's
own certificate (the second signature on its results), and a request for the ward leader's certificate
that the provincial admin approves in the portal — then the leader chooses their PIN and signs."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from signatures import services
from signatures.models import Certificate, CertificateRequest

LEADER = "lanhdao.halong"
LEADER_POSITION = "Chủ tịch Ủy ban nhân dân phường Hạ Long"
ADMIN = "quantri.tinh"


def demo_signatures_load() -> str:
    """Idempotent (all or nothing: the leader's request is written last, so once it exists everything is
    there and a later run costs one query); says in one line what is there."""
    state = CertificateRequest.objects.filter(official__username=LEADER).values_list("state", flat=True).first()
    if state is not None:
        return "certificate authority ready" + (
            f"; {LEADER}'s certificate request awaits the admin's approval" if state == "pending" else "")
    return _load()


@transaction.atomic
def _load() -> str:
    created = services.ca_init()
    admin = User.objects.filter(username=ADMIN).first()
    leader = User.objects.filter(username=LEADER).select_related("agency").first()
    if admin is None or leader is None or leader.agency is None:
        return "certificate authority ready" if created else "certificate authority already there"
    agency = leader.agency
    if not Certificate.objects.filter(agency=agency, kind=Certificate.Kind.ORGANISATION).exists():
        request = services.certificate_request_create(admin=admin, agency=agency, email="")
        services.certificate_request_approve(request=request, admin=admin)
    services.certificate_request_create(admin=admin, official=leader, position=LEADER_POSITION)
    return (f"certificate authority ready; {agency.name} holds its agency certificate; {LEADER}'s certificate "
            "request awaits the admin's approval")
