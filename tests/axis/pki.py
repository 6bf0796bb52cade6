"""An outside certificate authority for the tests: the root the portal trusts for other organs' packages
(AXIS_TRUST_ANCHORS), an organ's signing certificate under it, and a stranger's self-signed one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


@dataclass
class Signer:
    key: object
    certificate: x509.Certificate

    @property
    def chain(self) -> list[x509.Certificate]:
        return [self.certificate]


def _make(name: str, *, issuer: Signer | None = None, ca: bool = False) -> Signer:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(issuer.certificate.subject if issuer else subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
               .not_valid_after(now + dt.timedelta(days=365))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(True, not ca, False, False, False, ca, ca, False, False), critical=True))
    return Signer(key, builder.sign(issuer.key if issuer else key, hashes.SHA256()))


class Pki:
    def __init__(self):
        self.root = _make("Tests Root CA", ca=True)
        self.ministry = _make("Bộ Nội vụ", issuer=self.root)
        self.stranger = _make("Not trusted")

    def root_pem(self) -> bytes:
        return self.root.certificate.public_bytes(serialization.Encoding.PEM)
