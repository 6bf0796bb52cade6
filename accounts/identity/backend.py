"""mozilla-django-oidc's backend, made strict: the ID token must be RS256, signed by a key of the provider's
JWKS, issued by the configured issuer to this portal (aud), unexpired, with iat, sub and our nonce; the
userinfo must be about the same subject. Every refusal is an IdentityRefused with its reason; nothing is
created before everything checks out."""

from __future__ import annotations

import logging

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.utils.crypto import constant_time_compare
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.identity.errors import IdentityErrorCode, IdentityRefused
from accounts.identity.services import VerifiedIdentity, citizen_from_identity

logger = logging.getLogger("accounts.identity")
ALGORITHM = "RS256"
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub"]


class NationalIdentityBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce; a password login (username, password) is not ours.
        if request is None or "nonce" not in kwargs or not settings.OIDC_ENABLED:
            return None
        return super().authenticate(request, **kwargs)

    def get_token(self, payload):
        try:
            token_info = super().get_token(payload)
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else 0
            logger.warning("national identity: the token endpoint answered %s", status)
            if 400 <= status < 500:  # invalid_grant: a code already used, or a PKCE verifier that fails
                raise IdentityRefused(IdentityErrorCode.STATE, f"token endpoint answered {status}") from None
            raise IdentityRefused(IdentityErrorCode.UNAVAILABLE, f"token endpoint answered {status}") from None
        if not isinstance(token_info, dict):
            raise IdentityRefused(IdentityErrorCode.UNAVAILABLE, "the token endpoint's answer is not an object")
        return token_info

    def retrieve_matching_jwk(self, token):
        try:
            return super().retrieve_matching_jwk(token)
        except requests.HTTPError as error:
            raise IdentityRefused(IdentityErrorCode.UNAVAILABLE, "the JWKS could not be read") from error
        except (SuspiciousOperation, KeyError, TypeError, ValueError, jwt.PyJWTError) as error:
            # No key of the provider's matches the token's kid and alg (a token signed by someone else).
            raise IdentityRefused(IdentityErrorCode.TOKEN, f"no matching key: {error}") from None

    def _verify_jws(self, payload, key):
        try:
            header = jwt.get_unverified_header(payload)
        except jwt.PyJWTError:
            raise IdentityRefused(IdentityErrorCode.TOKEN, "not a JWT") from None
        if header.get("alg") != ALGORITHM:
            raise IdentityRefused(IdentityErrorCode.TOKEN, f"alg {header.get('alg')!r} is not {ALGORITHM}")
        try:
            return jwt.decode(payload, key, algorithms=[ALGORITHM], audience=settings.OIDC_RP_CLIENT_ID,
                              issuer=settings.OIDC_OP_ISSUER, leeway=settings.OIDC_LEEWAY_SECONDS,
                              options={"require": REQUIRED_CLAIMS})
        except jwt.ExpiredSignatureError:
            raise IdentityRefused(IdentityErrorCode.EXPIRED) from None
        except (jwt.InvalidAudienceError, jwt.InvalidIssuerError) as error:
            raise IdentityRefused(IdentityErrorCode.AUDIENCE, str(error)) from None
        except jwt.PyJWTError as error:
            raise IdentityRefused(IdentityErrorCode.TOKEN, str(error)) from None

    def verify_token(self, token, **kwargs):
        if not isinstance(token, str) or not token:
            raise IdentityRefused(IdentityErrorCode.TOKEN, "no id_token in the token response")
        payload = self._verify_jws(token, self.retrieve_matching_jwk(token))
        nonce, claimed = kwargs.get("nonce"), payload.get("nonce")
        if not nonce or not isinstance(claimed, str) or not constant_time_compare(claimed, nonce):
            raise IdentityRefused(IdentityErrorCode.NONCE)
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        try:
            response = requests.get(settings.OIDC_OP_USER_ENDPOINT, headers={"Authorization": f"Bearer {access_token}"},
                                    verify=settings.OIDC_VERIFY_SSL, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            info = response.json()
        except (requests.RequestException, ValueError) as error:
            raise IdentityRefused(IdentityErrorCode.UNAVAILABLE, f"userinfo: {error}") from None
        if not isinstance(info, dict) or info.get("sub") != payload.get("sub"):
            raise IdentityRefused(IdentityErrorCode.CLAIMS, "userinfo is about another subject")
        return info

    def store_tokens(self, access_token, id_token):
        # Kept on the request until the login succeeds (accounts.identity.session marks the session then).
        self.request.national_identity_token = id_token

    def get_or_create_user(self, access_token, id_token, payload):
        info = self.get_userinfo(access_token, id_token, payload)
        identity = VerifiedIdentity.from_claims({**info, **payload})  # what the signed ID token says wins
        return citizen_from_identity(identity=identity)
