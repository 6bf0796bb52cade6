"""The certificate profile: root and issuing CA, officials' and agencies' signing certificates, the
timestamping certificate, and CRLs. Pure: keys and names in, cryptography objects out.

Names are NFC UTF8Strings, so "Nguyễn Thị Hồng Nhung" reads the same in every viewer."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from portal.text import nfc
from signatures.tokens import PrivateKey

# Clocks of relying parties drift; a certificate is valid from a little before its issue.
BACKDATE = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Subject:
    """Who a certificate names: the official (CN) with their position (title) and unit (OU) at the
    agency (O), or the agency itself."""

    common_name: str
    organisation: str = ""
    unit: str = ""
    title: str = ""
    province: str = ""
    email: str = ""

    def name(self) -> x509.Name:
        attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
        for oid, value in ((NameOID.STATE_OR_PROVINCE_NAME, self.province), (NameOID.ORGANIZATION_NAME,
                           self.organisation), (NameOID.ORGANIZATIONAL_UNIT_NAME, self.unit),
                           (NameOID.TITLE, self.title), (NameOID.COMMON_NAME, self.common_name)):
            value = " ".join(nfc(value).split())
            if value:
                attributes.append(x509.NameAttribute(oid, value[:64]))
        return x509.Name(attributes)


@dataclass(frozen=True)
class Issuer:
    certificate: x509.Certificate
    key: PrivateKey


def _builder(subject: x509.Name, issuer: x509.Name, public_key, *, now: dt.datetime, days: int,
             serial: int | None = None) -> x509.CertificateBuilder:
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(serial or x509.random_serial_number())
            .not_valid_before(now - BACKDATE).not_valid_after(now + dt.timedelta(days=days))
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False))


def _ca_usage() -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                         encipher_only=False, decipher_only=False)


def _signing_usage() -> x509.KeyUsage:
    # digitalSignature + nonRepudiation (content commitment): the signer stands behind what they sign.
    return x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                         encipher_only=False, decipher_only=False)


def _points_to(issuer: Issuer, *, crl_url: str, issuer_url: str | None):
    """Extensions naming the issuer: its key, where its CRL is published and where its certificate is."""
    extensions = [
        x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
        x509.CRLDistributionPoints([x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None,
                                                           None)]),
    ]
    if issuer_url:
        extensions.append(x509.AuthorityInformationAccess([x509.AccessDescription(
            x509.oid.AuthorityInformationAccessOID.CA_ISSUERS, x509.UniformResourceIdentifier(issuer_url))]))
    return extensions


def root_certificate(*, key: PrivateKey, subject: Subject, now: dt.datetime, days: int) -> x509.Certificate:
    name = subject.name()
    builder = (_builder(name, name, key.public_key(), now=now, days=days)
               .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
               .add_extension(_ca_usage(), critical=True)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False))
    return builder.sign(key, hashes.SHA256())


def issuing_certificate(*, key: PrivateKey, subject: Subject, root: Issuer, now: dt.datetime, days: int,
                        crl_url: str, issuer_url: str) -> x509.Certificate:
    builder = (_builder(subject.name(), root.certificate.subject, key.public_key(), now=now, days=days)
               .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
               .add_extension(_ca_usage(), critical=True))
    for extension in _points_to(root, crl_url=crl_url, issuer_url=issuer_url):
        builder = builder.add_extension(extension, critical=False)
    return builder.sign(root.key, hashes.SHA256())


def signing_certificate(*, public_key, subject: Subject, issuer: Issuer, now: dt.datetime, days: int,
                        crl_url: str, issuer_url: str, timestamping: bool = False) -> x509.Certificate:
    """An official's or an agency's signing certificate, or (``timestamping``) the portal's TSA's."""
    days = min(days, max((issuer.certificate.not_valid_after_utc - now).days, 1))  # never outlive the issuer
    builder = (_builder(subject.name(), issuer.certificate.subject, public_key, now=now, days=days)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(_signing_usage(), critical=True))
    if timestamping:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    if subject.email:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.RFC822Name(subject.email)]),
                                        critical=False)
    for extension in _points_to(issuer, crl_url=crl_url, issuer_url=issuer_url):
        builder = builder.add_extension(extension, critical=False)
    return builder.sign(issuer.key, hashes.SHA256())


@dataclass(frozen=True)
class Revoked:
    serial: int
    revoked_at: dt.datetime
    reason: str  # a Certificate.Reason value, the name of an x509.ReasonFlags member


def crl(*, issuer: Issuer, number: int, revoked: list[Revoked], now: dt.datetime,
        hours: int) -> x509.CertificateRevocationList:
    builder = (x509.CertificateRevocationListBuilder().issuer_name(issuer.certificate.subject)
               .last_update(now - BACKDATE).next_update(now + dt.timedelta(hours=hours))
               .add_extension(x509.CRLNumber(number), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
                              critical=False))
    for entry in revoked:
        revoked_entry = (x509.RevokedCertificateBuilder().serial_number(entry.serial)
                         .revocation_date(entry.revoked_at))
        if entry.reason != "unspecified":  # RFC 5280: omit the reason code rather than say "unspecified"
            revoked_entry = revoked_entry.add_extension(x509.CRLReason(x509.ReasonFlags[entry.reason]),
                                                        critical=False)
        builder = builder.add_revoked_certificate(revoked_entry.build())
    return builder.sign(issuer.key, hashes.SHA256())


def pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def load(pem_text: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem_text.encode())


def fingerprint(certificate: x509.Certificate) -> str:
    return hashlib.sha256(der(certificate)).hexdigest()


def serial_hex(serial: int) -> str:
    return f"{serial:X}"


def crl_der(issued: x509.CertificateRevocationList) -> bytes:
    return issued.public_bytes(serialization.Encoding.DER)


def common_name(certificate: x509.Certificate) -> str:
    return name_attribute(certificate, NameOID.COMMON_NAME)


def title(certificate: x509.Certificate) -> str:
    return name_attribute(certificate, NameOID.TITLE)


def name_attribute(certificate: x509.Certificate, oid) -> str:
    values = certificate.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""
