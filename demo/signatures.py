"""The demo's certificate authority, ready to use: the CA itself; the organisation certificates of the Hạ Long
ward People's Committee and of the provincial People's Committee's Office (the agency's signature on what
each issues); signing certificates, with the demo PIN, for the two leaders who signed the demo's issued
documents (the ward's vice-chair and the Office's chief); and a request for the ward chair's certificate that
the provincial admin approves in the portal — then the chair chooses their PIN and signs."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from demo.data.accounts import SIGNING_PIN
from signatures import services
from signatures.models import Certificate, CertificateRequest

LEADER = "lanhdao.halong"
LEADER_POSITION = "Chủ tịch Ủy ban nhân dân phường Hạ Long"
ADMIN = "quantri.tinh"
# Leaders who hold a certificate from the start, with SIGNING_PIN.
SIGNERS = ("phochutich.halong", "lanhdao.vpubnd")


def demo_signatures_load() -> str:
    """Idempotent (all or nothing: the chair's request is written last, so once it and the signers'
    certificates exist everything is there and a later run costs one query); says in one line what is
    there."""
    states = dict(CertificateRequest.objects.filter(official__username__in=(LEADER, *SIGNERS))
                  .values_list("official__username", "state"))
    if len(states) == 1 + len(SIGNERS):
        return "certificate authority ready" + (
            f"; {LEADER}'s certificate request awaits the admin's approval" if states[LEADER] == "pending" else "")
    return _load(set(states))


@transaction.atomic
def _load(requested: set[str]) -> str:
    created = services.ca_init()
    admin = User.objects.filter(username=ADMIN).first()
    users = {user.username: user for user in User.objects.filter(username__in=(LEADER, *SIGNERS))
             .select_related("agency")}
    leader = users.get(LEADER)
    if admin is None or leader is None or leader.agency is None:
        return "certificate authority ready" if created else "certificate authority already there"
    agencies = {user.agency for user in users.values() if user.agency is not None}
    for agency in sorted(agencies, key=lambda agency: agency.code):
        if not Certificate.objects.filter(agency=agency, kind=Certificate.Kind.ORGANISATION).exists():
            request = services.certificate_request_create(admin=admin, agency=agency, email="")
            services.certificate_request_approve(request=request, admin=admin)
    signers = [users[name] for name in SIGNERS if name in users and name not in requested]
    for signer in signers:
        request = services.certificate_request_create(admin=admin, official=signer)
        request = services.certificate_request_approve(request=request, admin=admin)
        services.certificate_issue(request=request, official=signer, pin=SIGNING_PIN, pin_confirm=SIGNING_PIN)
    if LEADER not in requested:
        services.certificate_request_create(admin=admin, official=leader, position=LEADER_POSITION)
    names = ", ".join(agency.name for agency in sorted(agencies, key=lambda agency: agency.code))
    return (f"certificate authority ready; {names} hold their agency certificates; "
            f"{', '.join(s.username for s in users.values() if s.username in SIGNERS)} sign with PIN {SIGNING_PIN}; "
            f"{LEADER}'s certificate request awaits the admin's approval")
