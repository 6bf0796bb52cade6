"""The mock provider's HTTP contract (OpenID Connect; paths as its discovery document says):

- ``GET /.well-known/openid-configuration`` → discovery; ``GET /jwks`` → its public RSA keys.
- ``GET /authorize`` (response_type=code, client_id, redirect_uri, scope with openid, state, nonce,
  code_challenge + code_challenge_method=S256 — all required) → its own login page (CCCD number and password);
  ``POST /authorize`` logs in and redirects to the client with ``code`` and ``state`` (or ``error``).
- ``POST /token`` (authorization_code, client_secret_basic or _post, code_verifier) → access and ID token.
- ``GET|POST /userinfo`` (Bearer) → the claims; ``GET /logout`` (id_token_hint, post_logout_redirect_uri,
  state) → ends the session at the provider and returns to a registered address.
- ``GET /health``; ``GET|POST /admin/faults`` and ``GET /admin/stats`` (header ``X-IdP-Admin``), unaffected by
  the faults (portal.mockservice.Faults: latency, error share, hanging, down windows)."""

from __future__ import annotations

import hmac
import json
import logging
import secrets
from pathlib import Path
from urllib.parse import urlencode

import flask
from authlib.integrations.flask_oauth2 import current_token
from authlib.oauth2 import OAuth2Error
from joserfc import jwt
from joserfc.errors import JoseError

from accounts.mock import provider
from accounts.mock.store import Store
from portal.mockservice import Faults

logger = logging.getLogger("idp.mock")
HERE = Path(__file__).resolve().parent
SESSION_SUB = "sub"


def create_app(*, store: Store, client: provider.Client, issuer: str, faults: Faults, admin_token: str,
               show_demo_identities: bool = True) -> flask.Flask:
    app = flask.Flask("idp_mock", template_folder=str(HERE / "templates"), static_folder=str(HERE / "static"),
                      static_url_path="/static")
    app.secret_key = secrets.token_bytes(32)
    app.config.update(SESSION_COOKIE_NAME="vneid_mock_session", SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_HTTPONLY=True, MAX_CONTENT_LENGTH=64 * 1024)
    server, protector = provider.build(store=store, client=client, issuer=issuer.rstrip("/"))
    server.init_app(app)
    base = issuer.rstrip("/")

    @app.before_request
    def _faults():
        if flask.request.path.startswith("/admin/") or flask.request.path == "/health":
            return None
        status = faults.before_request()
        if status is not None:
            return flask.jsonify(error="temporarily_unavailable"), status
        return None

    @app.after_request
    def _headers(response):
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = ("default-src 'none'; style-src 'self'; img-src 'self'; "
                                                       "form-action 'self' http: https:; frame-ancestors 'none'")
        return response

    @app.get("/health")
    def health():
        return flask.jsonify(status="ok")

    @app.get("/.well-known/openid-configuration")
    def discovery():
        return flask.jsonify({
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "userinfo_endpoint": f"{base}/userinfo",
            "jwks_uri": f"{base}/jwks",
            "end_session_endpoint": f"{base}/logout",
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": list(provider.SCOPES),
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "name", "birthdate",
                                 "gender", "address", "phone_number", "phone_number_verified", "cccd",
                                 "identity_level"],
        })

    @app.get("/jwks")
    def jwks():
        return flask.jsonify(keys=store.public_keys())

    @app.route("/authorize", methods=["GET", "POST"])
    def authorize():
        try:
            grant = server.get_consent_grant()
        except OAuth2Error as error:
            # An unknown client or an unregistered redirect address is never redirected to (RFC 6749 §4.1.2.1).
            if getattr(error, "redirect_uri", None):
                return server.handle_error_response(server.create_oauth2_request(flask.request), error)
            logger.warning("authorization request refused: %s", error.description or error.error)
            return _message(400, "Yêu cầu đăng nhập không hợp lệ",
                            f"{error.error}: {error.description or ''}".strip().rstrip(":"))
        request = flask.request
        if request.method == "GET":
            return _login_page(grant)
        expected = flask.session.get("csrf")
        if not expected or not hmac.compare_digest(request.form.get("csrf", ""), expected):
            return _login_page(grant, error="Phiên đăng nhập đã hết hạn, vui lòng thử lại.", status=400)
        if request.form.get("action") == "cancel":
            return server.create_authorization_response(grant_user=None, grant=grant)
        if request.form.get("action") == "continue" and flask.session.get(SESSION_SUB):
            row = store.identity(flask.session[SESSION_SUB])
        else:
            cccd = (request.form.get("cccd") or "").strip()[:20]
            password = (request.form.get("password") or "")[:200]
            row = store.authenticate(cccd, password) if cccd.isdigit() and len(cccd) == 12 and password else None
            if row is None:
                store.count("logins_failed")
                return _login_page(grant, cccd=cccd, status=400,
                                   error="Số định danh cá nhân hoặc mật khẩu không đúng.")
        if row is None:
            flask.session.pop(SESSION_SUB, None)
            return _login_page(grant)
        flask.session[SESSION_SUB] = row["sub"]
        store.count("logins")
        return server.create_authorization_response(grant_user=provider.Identity(row), grant=grant)

    def _login_page(grant, *, cccd: str = "", error: str = "", status: int = 200):
        flask.session.setdefault("csrf", secrets.token_urlsafe(24))
        current = store.identity(flask.session.get(SESSION_SUB, "")) if flask.session.get(SESSION_SUB) else None
        return flask.render_template(
            "login.html", action=flask.request.full_path, csrf=flask.session["csrf"], cccd=cccd, error=error,
            current=current, client_id=grant.client.get_client_id(),
            demo=store.identities() if show_demo_identities else []), status

    @app.post("/token")
    def token():
        return server.create_token_response()

    @app.route("/userinfo", methods=["GET", "POST"])
    @protector("openid")
    def userinfo():
        row = store.identity(current_token.sub)
        if row is None:
            return flask.jsonify(error="invalid_token"), 401
        return flask.jsonify(dict(provider.user_info(row, current_token.scope)))

    @app.get("/logout")
    def logout():
        """RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): the session here ends; the user goes
        back only to an address registered for the client named by a valid id_token_hint (or client_id)."""
        flask.session.pop(SESSION_SUB, None)
        args = flask.request.args
        target = args.get("post_logout_redirect_uri", "")
        client_id = args.get("client_id", "")
        hint = args.get("id_token_hint", "")
        if hint:
            try:
                claims = jwt.decode(hint, store.signing_key(), algorithms=["RS256"]).claims
                audience = claims.get("aud")
                client_id = audience[0] if isinstance(audience, list) and audience else audience or ""
            except (JoseError, ValueError):
                return _message(400, "Yêu cầu đăng xuất không hợp lệ", "id_token_hint is not a token of this provider")
        if target and client_id == client.client_id and target in client.post_logout_redirect_uris:
            state = args.get("state")
            separator = "&" if "?" in target else "?"
            return flask.redirect(target + (separator + urlencode({"state": state}) if state else ""))
        return _message(200, "Bạn đã đăng xuất khỏi tài khoản định danh điện tử", "")

    @app.route("/admin/<name>", methods=["GET", "POST"])
    def admin(name: str):
        if not hmac.compare_digest(flask.request.headers.get("X-IdP-Admin", ""), admin_token):
            return flask.jsonify(error="admin token required"), 401
        if name == "faults":
            if flask.request.method == "POST":
                try:
                    values = json.loads(flask.request.get_data() or b"{}")
                    if not isinstance(values, dict):
                        raise TypeError("a JSON object is expected")
                    faults.update(values)
                except (ValueError, TypeError) as error:
                    return flask.jsonify(error=str(error)), 400
            return flask.jsonify(faults.as_dict())
        if name == "stats" and flask.request.method == "GET":
            return flask.jsonify(store.stats())
        return flask.jsonify(error="not found"), 404

    @app.errorhandler(404)
    def not_found(_error):
        return flask.jsonify(error="not found"), 404

    @app.errorhandler(413)
    def too_large(_error):
        return flask.jsonify(error="request too large"), 413

    return app


def _message(status: int, title: str, detail: str):
    return flask.render_template("message.html", title=title, detail=detail), status
