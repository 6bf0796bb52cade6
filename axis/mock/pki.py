"""The mock axis's own certificate authority: a root CA and one signing certificate per external organ, made
on first start and kept as PEM files in the mock's folder (``ca.pem`` is what the portal trusts through
AXIS_TRUST_ANCHORS; ``organs/<organ id>.pem`` and ``-key.pem`` each organ's). Later starts reuse them,
so the portal's trust survives restarts; an organ added to the seed later gets its certificate then.
The keys are plain PEM files: this is a stand-in for the organs' own signing tokens, not a real CA."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from axis import xmlsig

ROOT_NAME = "Trục liên thông văn bản (giả lập) - Root CA"  # at most 64 bytes in UTF-8
KEY_BITS = 2048
ROOT_YEARS, ORGAN_YEARS = 20, 5


@dataclass(frozen=True)
class Holder:
    """A private key and its certificate."""

    key: rsa.RSAPrivateKey
    certificate: x509.Certificate


class Pki:
    def __init__(self, directory: str | Path, organs: dict[str, str]):
        """Load the CA and a certificate for each of ``organs`` (id → name) from ``directory``, making
        whatever is missing."""
        self.directory = Path(directory)
        (self.directory / "organs").mkdir(parents=True, exist_ok=True)
        self.root = _load(self.directory / "ca.pem", self.directory / "ca-key.pem") or self._make_root()
        self.organs = {organ_id: self._organ(organ_id, name) for organ_id, name in organs.items()}

    @property
    def ca_path(self) -> Path:
        return self.directory / "ca.pem"

    def sign(self, organ_id: str, data: bytes) -> bytes:
        """``data`` (unsigned edXML) signed by the organ's certificate (axis.xmlsig)."""
        holder = self.organs[organ_id]
        return xmlsig.sign(data, key=holder.key, chain=[holder.certificate])

    def _make_root(self) -> Holder:
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
        name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                          x509.NameAttribute(NameOID.COMMON_NAME, ROOT_NAME)])
        certificate = (
            _builder(name, name, key.public_key(), years=ROOT_YEARS)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        holder = Holder(key, certificate)
        _save(holder, self.directory / "ca.pem", self.directory / "ca-key.pem")
        return holder

    def _organ(self, organ_id: str, name: str) -> Holder:
        certificate_path = self.directory / "organs" / f"{organ_id}.pem"
        key_path = self.directory / "organs" / f"{organ_id}-key.pem"
        loaded = _load(certificate_path, key_path)
        if loaded is not None and _issued_by(loaded.certificate, self.root.certificate):
            return loaded
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
        subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                             x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
                             x509.NameAttribute(NameOID.USER_ID, organ_id),
                             x509.NameAttribute(NameOID.COMMON_NAME, f"{name} (giả lập)")])
        certificate = (
            _builder(subject, self.root.certificate.subject, key.public_key(), years=ORGAN_YEARS)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.root.key.public_key()),
                           critical=False)
            .sign(self.root.key, hashes.SHA256())
        )
        holder = Holder(key, certificate)
        _save(holder, certificate_path, key_path)
        return holder


def _builder(subject: x509.Name, issuer: x509.Name, public_key, *, years: int) -> x509.CertificateBuilder:
    now = dt.datetime.now(dt.UTC)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365 * years))
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False))


def _issued_by(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    """False when the root was made anew (its key was lost): the organ then gets a new certificate."""
    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _load(certificate_path: Path, key_path: Path) -> Holder | None:
    if not (certificate_path.exists() and key_path.exists()):
        return None
    certificate = x509.load_pem_x509_certificate(certificate_path.read_bytes())
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    return Holder(key, certificate)


def _save(holder: Holder, certificate_path: Path, key_path: Path) -> None:
    """The key first, readable by its owner only; each file written whole, then renamed into place, so a
    start interrupted half-way leaves no half-written PEM."""
    pem = holder.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption())
    _write(key_path, pem, mode=0o600)
    _write(certificate_path, holder.certificate.public_bytes(serialization.Encoding.PEM), mode=0o644)


def _write(path: Path, data: bytes, *, mode: int) -> None:
    partial = path.with_name(path.name + ".part")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
    os.replace(partial, path)
