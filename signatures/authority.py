"""The CA as the rest of the app sees it: the issuers with their keys opened, the public URLs certificates
point to, and the trust (chain and current CRLs) every signature carries and is checked against.

Opened keys are cached in the process (keyed by their encrypted form), never written anywhere."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from signatures import profile, tokens
from signatures.errors import SignatureConflict, SignatureErrorCode
from signatures.models import CertificateAuthority, SoftwareToken
from signatures.pdfsign import KeyHolder, Trust


def public_url(name: str, **kwargs) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs)


def crl_url(kind: str) -> str:
    return public_url("signatures:crl", kind=kind)


def ca_certificate_url(kind: str) -> str:
    return public_url("signatures:ca_certificate", kind=kind)


def ca_get(kind: str) -> CertificateAuthority:
    try:
        return CertificateAuthority.objects.get(kind=kind)
    except CertificateAuthority.DoesNotExist:
        raise _not_set_up() from None


def _not_set_up() -> SignatureConflict:
    return SignatureConflict(
        _("The certificate authority is not set up yet: the operator runs “manage.py ca_init” first."),
        code=SignatureErrorCode.CA_MISSING)


def issuer(ca: CertificateAuthority) -> profile.Issuer:
    return profile.Issuer(certificate=profile.load(ca.certificate_pem), key=_ca_key(ca.encrypted_key_pem))


@lru_cache(maxsize=8)
def _ca_key(encrypted_pem: str) -> tokens.PrivateKey:
    return tokens.decrypt_pem(encrypted_pem, tokens.ca_passphrase())


def server_key(token: SoftwareToken) -> tokens.PrivateKey:
    """The key of a certificate the portal holds itself (timestamping, agencies' organisation signatures)."""
    return _server_key(bytes(token.salt), bytes(token.nonce), bytes(token.encrypted_key),
                       token.certificate.serial)


@lru_cache(maxsize=64)
def _server_key(salt: bytes, nonce: bytes, ciphertext: bytes, serial: str) -> tokens.PrivateKey:
    return tokens.unseal(tokens.Sealed(salt, nonce, ciphertext), secret=tokens.ca_passphrase(),
                         associated=serial.encode())


def trust() -> Trust:
    authorities = {ca.kind: ca for ca in CertificateAuthority.objects.all()}  # both in one query
    try:
        root, issuing = authorities[CertificateAuthority.Kind.ROOT], authorities[CertificateAuthority.Kind.ISSUING]
    except KeyError:
        raise _not_set_up() from None
    return Trust(root=profile.load(root.certificate_pem), intermediates=(profile.load(issuing.certificate_pem),),
                 crls=tuple(bytes(ca.crl_der) for ca in (issuing, root) if ca.crl_der))


def crl_is_fresh(ca: CertificateAuthority, *, now: dt.datetime, margin: dt.timedelta) -> bool:
    return bool(ca.crl_der) and ca.crl_next_update is not None and ca.crl_next_update > now + margin


def key_holder(certificate_pem: str, key: tokens.PrivateKey) -> KeyHolder:
    return KeyHolder(certificate=profile.load(certificate_pem), key=key)
