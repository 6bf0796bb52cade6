"""Software tokens: the PIN opens the key, five wrong PINs lock it until an admin unlocks it, and no
private key is ever stored or logged in clear."""

import logging

import pytest
from cryptography.hazmat.primitives import serialization
from django.db import connection

from signatures import services
from signatures.errors import CertificateUnusable, SignatureError, SignatureForbidden, WrongPin
from signatures.models import SoftwareToken
from tests.signatures.helpers import PIN, two_page_pdf

pytestmark = pytest.mark.django_db


def test_the_right_pin_opens_the_key(signing):
    certificate = signing.issue()
    holder = services.signer_open(user=signing.leader, pin=PIN)
    assert holder.certificate.serial_number == int(certificate.serial, 16)


def test_a_wrong_pin_is_refused_and_counted(signing):
    signing.issue()
    with pytest.raises(WrongPin) as refused:
        services.signer_open(user=signing.leader, pin="000111")
    assert refused.value.message == "Wrong PIN. 4 attempts left before the token locks."
    assert refused.value.extra["attempts_left"] == 4
    assert SoftwareToken.objects.get(certificate__holder=signing.leader).failed_attempts == 1
    services.signer_open(user=signing.leader, pin=PIN)  # the right one resets the count
    assert SoftwareToken.objects.get(certificate__holder=signing.leader).failed_attempts == 0


def test_five_wrong_pins_lock_the_token_until_an_admin_unlocks_it(signing):
    certificate = signing.issue()
    for _attempt in range(4):
        with pytest.raises(WrongPin):
            services.signer_open(user=signing.leader, pin="999888")
    with pytest.raises(CertificateUnusable) as locked:
        services.signer_open(user=signing.leader, pin="999888")
    assert locked.value.code == "signatures.token_locked"
    with pytest.raises(CertificateUnusable) as still_locked:
        services.signer_open(user=signing.leader, pin=PIN)  # even the right PIN
    assert "locked" in still_locked.value.message
    with pytest.raises(SignatureForbidden):
        services.token_unlock(certificate=certificate, admin=signing.leader)
    services.token_unlock(certificate=certificate, admin=signing.admin)
    assert services.signer_open(user=signing.leader, pin=PIN)


def test_weak_or_mismatched_pins_are_refused_at_issuance(signing):
    request = services.certificate_request_approve(request=signing.request_for(signing.leader), admin=signing.admin)
    for pin, confirm, message in (("12345", "12345", "The PIN must have between 6 and 32 characters."),
                                  ("111111", "111111", "This PIN is too easy to guess; choose another."),
                                  ("482915", "482916", "The two PINs differ.")):
        with pytest.raises(SignatureError) as refused:
            services.certificate_issue(request=request, official=signing.leader, pin=pin, pin_confirm=confirm)
        assert refused.value.message == message
    request.refresh_from_db()
    assert request.state == "approved" and request.certificate is None


def test_only_the_official_named_may_issue_their_certificate(signing):
    request = services.certificate_request_approve(request=signing.request_for(signing.leader), admin=signing.admin)
    with pytest.raises(SignatureForbidden):
        services.certificate_issue(request=request, official=signing.clerk, pin=PIN, pin_confirm=PIN)


def _all_stored_bytes() -> bytes:
    """Every value of every signatures table, as PostgreSQL or SQLite returns it."""
    dump = b""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if not table.startswith("signatures_"):
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own table names
            for row in cursor.fetchall():
                for value in row:
                    dump += bytes(value) if isinstance(value, (bytes, memoryview)) else str(value).encode()
    return dump


def test_private_keys_never_appear_in_clear_in_the_database_or_the_logs(signing, caplog):
    caplog.set_level(logging.DEBUG)
    signing.issue()
    signing.organisation()
    holder = services.signer_open(user=signing.leader, pin=PIN)
    signing.sign(two_page_pdf())
    der = holder.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption())
    stored = _all_stored_bytes()
    assert der not in stored and der[-64:] not in stored
    assert b"BEGIN PRIVATE KEY" not in stored and b"BEGIN RSA PRIVATE KEY" not in stored
    assert PIN.encode() not in stored
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert PIN not in logged and "PRIVATE KEY" not in logged
    numbers = holder.key.private_numbers()
    assert str(numbers.p) not in logged and f"{numbers.p:x}" not in logged
