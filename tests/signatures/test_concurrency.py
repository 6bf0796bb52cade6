"""Real concurrent transactions on PostgreSQL: revocations at once give gap-free CRL numbers and a CRL that
lists them all; wrong PINs at once are all counted; two approvals of one request leave one winner."""

import pytest
from cryptography import x509

from signatures import services
from signatures.errors import CertificateUnusable, SignatureConflict, WrongPin
from signatures.models import CertificateAuthority, SoftwareToken
from tests.dossiers.test_concurrency import run_together
from tests.factories import UserFactory
from tests.signatures.helpers import make_signing_world

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_simultaneous_revocations_number_the_crls_without_gaps():
    world = make_signing_world()
    officials = [UserFactory(role="leader", agency=world.agency) for _ in range(6)]
    certificates = [world.issue(official=official) for official in officials]
    before = CertificateAuthority.objects.get(kind="issuing").crl_number

    outcomes = run_together([(lambda c=c: services.certificate_revoke(certificate=c, admin=world.admin,
                                                                       reason="affiliation_changed"))
                             for c in certificates])

    assert [kind for kind, _value in outcomes] == ["ok"] * 6, outcomes
    issuing = CertificateAuthority.objects.get(kind="issuing")
    assert issuing.crl_number == before + 6
    crl = x509.load_der_x509_crl(bytes(issuing.crl_der))
    assert {entry.serial_number for entry in crl} == {int(c.serial, 16) for c in certificates}


def test_simultaneous_wrong_pins_are_all_counted_and_lock_the_token():
    world = make_signing_world()
    world.issue()
    outcomes = run_together([(lambda: services.signer_open(user=world.leader, pin="000111")) for _ in range(6)])

    errors = [value for _kind, value in outcomes]
    assert sum(isinstance(error, WrongPin) for error in errors) == 4, errors  # 4, 3, 2 and 1 attempts left
    assert sum(isinstance(error, CertificateUnusable) for error in errors) == 2  # the fifth locks; the sixth finds it locked
    token = SoftwareToken.objects.get(certificate__holder=world.leader)
    assert token.is_locked and token.failed_attempts == 5


def test_two_admins_approving_one_request_leave_one_winner():
    world = make_signing_world()
    second_admin = UserFactory(admin=True)
    request = world.request_for(world.leader)
    outcomes = run_together([lambda: services.certificate_request_approve(request=request, admin=world.admin),
                             lambda: services.certificate_request_approve(request=request, admin=second_admin)])

    kinds = sorted(kind for kind, _value in outcomes)
    assert kinds == ["error", "ok"]
    assert isinstance(next(v for k, v in outcomes if k == "error"), SignatureConflict)
