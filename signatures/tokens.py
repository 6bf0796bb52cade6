"""Keys at rest. Nothing here touches the database: bytes in, bytes out.

- The CAs' keys are PKCS#8 PEM encrypted under SIGNATURES_CA_PASSPHRASE (cryptography's best available
  encryption), the format `openssl` reads with the same passphrase.
- A software token holds one private key, encrypted with AES-256-GCM under a key derived with scrypt from
  a secret: the official's PIN mixed with the pepper (so a stolen database alone cannot be brute-forced
  against six digits), or the CA passphrase for the portal's own keys. The certificate's serial is the
  associated data, so a token cannot be moved under another certificate."""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PrivateKey = rsa.RSAPrivateKey

# scrypt's cost: about 50 ms and 16 MiB per unlock, paid by every guess.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


class WrongSecret(Exception):
    """The PIN or passphrase does not open this token."""


def ca_passphrase() -> bytes:
    value = settings.SIGNATURES_CA_PASSPHRASE
    if not value:
        raise ImproperlyConfigured("Set SIGNATURES_CA_PASSPHRASE: it protects the CA's and the portal's keys.")
    return value.encode()


def pin_secret(pin: str) -> bytes:
    pepper = settings.SIGNATURES_TOKEN_PEPPER
    if not pepper:
        raise ImproperlyConfigured("Set SIGNATURES_TOKEN_PEPPER: it strengthens officials' PINs.")
    return hmac.new(pepper.encode(), pin.encode(), hashlib.sha256).digest()


def new_key(bits: int) -> PrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def encrypt_pem(key: PrivateKey, passphrase: bytes) -> str:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.BestAvailableEncryption(passphrase)).decode()


def decrypt_pem(pem: str, passphrase: bytes) -> PrivateKey:
    try:
        return serialization.load_pem_private_key(pem.encode(), password=passphrase)
    except ValueError as exc:  # wrong passphrase, or a damaged key
        raise WrongSecret(str(exc)) from None


@dataclass(frozen=True)
class Sealed:
    salt: bytes
    nonce: bytes
    ciphertext: bytes


def _derive(secret: bytes, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P).derive(secret)


def seal(key: PrivateKey, *, secret: bytes, associated: bytes) -> Sealed:
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    salt, nonce = os.urandom(16), os.urandom(12)
    return Sealed(salt=salt, nonce=nonce, ciphertext=AESGCM(_derive(secret, salt)).encrypt(nonce, der, associated))


def unseal(sealed: Sealed, *, secret: bytes, associated: bytes) -> PrivateKey:
    try:
        der = AESGCM(_derive(secret, bytes(sealed.salt))).decrypt(bytes(sealed.nonce), bytes(sealed.ciphertext),
                                                                   associated)
    except InvalidTag:
        raise WrongSecret("the secret does not open this token") from None
    return serialization.load_der_private_key(der, password=None)
