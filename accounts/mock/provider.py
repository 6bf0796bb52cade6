"""The OpenID Connect machinery of the mock provider, all of it Authlib's: the registered client, the
authorization code grant with PKCE (S256 only, required) and the OpenID Connect extension (nonce required,
RS256 ID tokens with iss, sub, aud, exp, iat, auth_time, nonce and the identity's claims)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import ClientMixin, InvalidRequestError, TokenMixin, grants
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import AuthorizationCodeMixin, UserInfo
from authlib.oidc.core.grants import OpenIDCode

from accounts.mock.store import Store

SCOPES = ("openid", "profile", "address", "phone")
ID_TOKEN_SECONDS = 600


@dataclass
class Client(ClientMixin):
    """The one relying party registered with the mock: the portal (IDP_MOCK_CLIENT_ID and _SECRET)."""

    client_id: str
    client_secret: str
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str] = field(default_factory=list)

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0] if self.redirect_uris else None

    def get_allowed_scope(self, scope):
        return " ".join(s for s in (scope or "").split() if s in SCOPES)

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        return bool(client_secret) and client_secret == self.client_secret

    def check_endpoint_auth_method(self, method, endpoint):
        return endpoint != "token" or method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


@dataclass
class Code(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    nonce: str
    code_challenge: str
    code_challenge_method: str
    sub: str
    auth_time: int

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return None

    def get_amr(self):
        return ["pwd"]


@dataclass
class Token(TokenMixin):
    token: str
    client_id: str
    sub: str
    scope: str
    issued_at: float
    expires_in: int

    def check_client(self, client):
        return client.get_client_id() == self.client_id

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return self.expires_in

    def is_expired(self):
        return time.time() > self.issued_at + self.expires_in

    def is_revoked(self):
        return False


@dataclass
class Identity:
    """The end user Authlib hands to the grant: the identity's row."""

    row: dict

    def get_user_id(self):
        return self.row["sub"]


def user_info(identity: dict, scope: str) -> UserInfo:
    """The claims for ``scope``: standard OpenID Connect names, plus ``cccd`` (the 12-digit personal
    identification number) and ``identity_level`` (1 or 2) with every ``openid`` request: assumptions, since
    the real VNeID's claim set is not public."""
    scopes = set((scope or "").split())
    info = UserInfo(sub=identity["sub"], cccd=identity["cccd"], identity_level=identity["level"])
    if "profile" in scopes:
        info.update(name=identity["name"], birthdate=identity["birthdate"], gender=identity["gender"],
                    preferred_username=identity["cccd"])
    if "address" in scopes:
        info["address"] = {"formatted": identity["address"], "country": "VN"}
    if "phone" in scopes:
        info.update(phone_number=identity["phone"], phone_number_verified=True)
    return info


class StrictCodeChallenge(CodeChallenge):
    """PKCE on every authorization request, S256 only (RFC 9700 advises both)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("Missing 'code_challenge': PKCE (S256) is required")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("Unsupported 'code_challenge_method': only S256")
        return super().validate_code_challenge(grant, redirect_uri)


def build(*, store: Store, client: Client, issuer: str) -> tuple[AuthorizationServer, ResourceProtector]:
    """The Flask authorization server and the protector of userinfo, bound to ``store`` and ``client``."""

    class CodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

        def save_authorization_code(self, code, request):
            data = request.payload.data
            store.save_code(code=code, client_id=request.client.get_client_id(),
                            redirect_uri=request.payload.redirect_uri or "", scope=request.payload.scope or "",
                            nonce=data.get("nonce") or "", code_challenge=data.get("code_challenge") or "",
                            code_challenge_method=data.get("code_challenge_method") or "",
                            sub=request.user.row["sub"], auth_time=int(time.time()))

        def query_authorization_code(self, code, client):
            row = store.code(code, client.get_client_id())
            return Code(**{k: v for k, v in row.items() if k != "expires_at"}) if row else None

        def delete_authorization_code(self, authorization_code):
            store.delete_code(authorization_code.code)

        def authenticate_user(self, authorization_code):
            row = store.identity(authorization_code.sub)
            return Identity(row) if row else None

    class OpenID(OpenIDCode):
        def exists_nonce(self, nonce, request):
            return store.nonce_used(nonce)

        def resolve_client_private_key(self, client):
            return store.signing_key()

        def get_client_algorithm(self, client):
            return "RS256"

        def get_encode_header(self, client):
            return {"alg": "RS256", "kid": store.signing_key().kid, "typ": "JWT"}

        def get_client_claims(self, client):
            now = int(time.time())
            return {"iss": issuer, "aud": [client.get_client_id()], "iat": now, "exp": now + ID_TOKEN_SECONDS}

        def generate_user_info(self, user, scope):
            return user_info(user.row, scope)

    def query_client(client_id):
        return client if client_id == client.client_id else None

    def save_token(token, request):
        store.save_token(token=token["access_token"], client_id=request.client.get_client_id(),
                         sub=request.user.row["sub"], scope=token.get("scope", ""), expires_in=token["expires_in"])

    server = AuthorizationServer(query_client=query_client, save_token=save_token)
    server.register_grant(CodeGrant, [StrictCodeChallenge(required=True), OpenID(require_nonce=True)])

    class Validator(BearerTokenValidator):
        def authenticate_token(self, token_string):
            row = store.token(token_string)
            return Token(**row) if row else None

    protector = ResourceProtector()
    protector.register_token_validator(Validator())
    return server, protector
