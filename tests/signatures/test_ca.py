"""The certificate authority: set up once, a sensible X.509 profile that openssl accepts, CRLs at a
public URL that change on every revocation."""

import subprocess

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtensionOID, NameOID
from django.core.management import call_command
from django.urls import reverse

from signatures import services
from signatures.models import Certificate, CertificateAuthority
from tests.signatures.helpers import LEADER_NAME

pytestmark = pytest.mark.django_db


def _write(tmp_path, name: str, data: str | bytes):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def _chain(tmp_path):
    root, issuing = (CertificateAuthority.objects.get(kind=k) for k in ("root", "issuing"))
    return _write(tmp_path, "root.pem", root.certificate_pem), _write(tmp_path, "issuing.pem", issuing.certificate_pem)


def _openssl_verify(tmp_path, certificate: Certificate, *crl_args: str) -> subprocess.CompletedProcess:
    root, issuing = _chain(tmp_path)
    leaf = _write(tmp_path, "leaf.pem", certificate.certificate_pem)
    return subprocess.run(["openssl", "verify", *crl_args, "-CAfile", str(root), "-untrusted", str(issuing),
                           str(leaf)], capture_output=True, text=True, timeout=30)


def test_ca_init_is_idempotent_and_never_overwrites(db, settings, capsys):
    settings.SIGNATURES_CA_KEY_BITS = 2048
    call_command("ca_init")
    first = {ca.kind: ca.certificate_pem for ca in CertificateAuthority.objects.all()}
    assert set(first) == {"root", "issuing"}
    assert "Created root CA: Root CA Cổng Một Cửa" in capsys.readouterr().out
    call_command("ca_init")
    assert "already exists; nothing was changed" in capsys.readouterr().out
    assert {ca.kind: ca.certificate_pem for ca in CertificateAuthority.objects.all()} == first
    assert Certificate.objects.filter(kind=Certificate.Kind.TIMESTAMPING).count() == 1


def test_ca_keys_are_stored_encrypted(signing):
    for ca in CertificateAuthority.objects.all():
        assert ca.encrypted_key_pem.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")


def test_openssl_accepts_an_issued_certificate_against_the_chain_and_crl(signing, tmp_path):
    certificate = signing.issue()
    assert _openssl_verify(tmp_path, certificate).stdout.strip().endswith("leaf.pem: OK")
    crl = _write(tmp_path, "issuing.crl", bytes(CertificateAuthority.objects.get(kind="issuing").crl_der))
    root_crl = _write(tmp_path, "root.crl", bytes(CertificateAuthority.objects.get(kind="root").crl_der))
    checked = _openssl_verify(tmp_path, certificate, "-crl_check_all", "-CRLfile", str(crl),
                              "-CRLfile", str(root_crl))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_openssl_rejects_a_revoked_certificate_with_the_new_crl(signing, tmp_path):
    certificate = signing.issue()
    services.certificate_revoke(certificate=certificate, admin=signing.admin, reason="key_compromise")
    crl = _write(tmp_path, "issuing.crl", bytes(CertificateAuthority.objects.get(kind="issuing").crl_der))
    root_crl = _write(tmp_path, "root.crl", bytes(CertificateAuthority.objects.get(kind="root").crl_der))
    checked = _openssl_verify(tmp_path, certificate, "-crl_check_all", "-CRLfile", str(crl), "-CRLfile",
                              str(root_crl))
    assert checked.returncode != 0
    assert "certificate revoked" in checked.stdout + checked.stderr


def test_personal_certificate_profile(signing):
    signing.leader.position = "Chủ tịch Ủy ban nhân dân"
    certificate = signing.issue(department="Văn phòng HĐND và UBND")
    parsed = x509.load_pem_x509_certificate(certificate.certificate_pem.encode())
    subject = {attribute.oid: attribute.value for attribute in parsed.subject}
    assert subject[NameOID.COMMON_NAME] == LEADER_NAME
    assert subject[NameOID.ORGANIZATION_NAME] == "Ủy ban nhân dân phường Hạ Long"
    assert subject[NameOID.ORGANIZATIONAL_UNIT_NAME] == "Văn phòng HĐND và UBND"
    assert subject[NameOID.TITLE] == "Chủ tịch Ủy ban nhân dân"
    assert subject[NameOID.COUNTRY_NAME] == "VN"
    usage = parsed.extensions.get_extension_for_oid(ExtensionOID.KEY_USAGE)
    assert usage.critical and usage.value.digital_signature and usage.value.content_commitment
    assert not usage.value.key_cert_sign
    assert parsed.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    emails = parsed.extensions.get_extension_for_class(x509.SubjectAlternativeName).value.get_values_for_type(
        x509.RFC822Name)
    assert emails == ["lanhdao@halong.example.vn"]
    points = parsed.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    assert points[0].full_name[0].value.endswith(reverse("signatures:crl", kwargs={"kind": "issuing"}))
    assert (parsed.not_valid_after_utc - parsed.not_valid_before_utc).days in (730, 731)


def test_vietnamese_subject_round_trips_through_openssl(signing, tmp_path):
    certificate = signing.issue()
    leaf = _write(tmp_path, "leaf.pem", certificate.certificate_pem)
    shown = subprocess.run(["openssl", "x509", "-in", str(leaf), "-noout", "-subject", "-nameopt", "utf8,sep_multiline"],
                           capture_output=True, text=True, timeout=30).stdout
    assert f"CN={LEADER_NAME}" in shown


def test_serials_are_unique(signing):
    serials = {signing.issue(official=official).serial for official in (signing.leader, signing.clerk)}
    assert len(serials) == 2


def test_crl_is_public_and_grows_on_revocation(signing, client):
    url = reverse("signatures:crl", kwargs={"kind": "issuing"})
    before = x509.load_der_x509_crl(client.get(url).content)
    certificate = signing.issue()
    services.certificate_revoke(certificate=certificate, admin=signing.admin, reason="affiliation_changed")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pkix-crl"
    after = x509.load_der_x509_crl(response.content)
    number = lambda crl: crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number  # noqa: E731
    assert number(after) == number(before) + 1
    revoked = after.get_revoked_certificate_by_serial_number(int(certificate.serial, 16))
    assert revoked is not None
    assert revoked.extensions.get_extension_for_class(x509.CRLReason).value.reason == x509.ReasonFlags.affiliation_changed


def test_ca_certificate_download(signing, client):
    response = client.get(reverse("signatures:ca_certificate", kwargs={"kind": "root"}))
    assert response.status_code == 200
    root = x509.load_der_x509_certificate(response.content)
    assert root.subject == root.issuer
    assert client.get(reverse("signatures:ca_certificate", kwargs={"kind": "nope"})).status_code == 404


def test_beat_refreshes_a_crl_before_it_ends(signing, time_machine):
    issuing = CertificateAuthority.objects.get(kind="issuing")
    time_machine.move_to(issuing.crl_next_update, tick=False)
    assert services.crls_refresh() == 2
    refreshed = CertificateAuthority.objects.get(kind="issuing")
    assert refreshed.crl_number == issuing.crl_number + 1 and refreshed.crl_next_update > issuing.crl_next_update
