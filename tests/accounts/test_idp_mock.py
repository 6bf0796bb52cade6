"""The mock national identity provider on its own, over HTTP: a standard OpenID Connect provider that insists
on what the real one would (a registered client and return address, PKCE S256, a nonce, a code used once by
the client it was issued to), and whose faults and admin pages need its token."""

import base64
import hashlib
import re
import secrets
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.accounts.idp import ADMIN, AN, CLIENT_ID, CLIENT_SECRET, MAI, provider_login, running_idp

CALLBACK = "http://testserver/accounts/vneid/callback/"


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    with running_idp(tmp_path_factory.mktemp("idp"), portal_urls=["http://testserver"]) as provider:
        yield provider


@pytest.fixture(autouse=True)
def _no_faults(idp):
    idp.admin(clear=True)
    yield
    idp.admin(clear=True)


def authorize_url(idp, **overrides) -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    params = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": CALLBACK, "state": "s1",
              "scope": "openid profile address phone", "nonce": secrets.token_urlsafe(16), "code_challenge": challenge,
              "code_challenge_method": "S256", **overrides}
    return f"{idp.url}/authorize?{urlencode({k: v for k, v in params.items() if v is not None})}", verifier


def code_for(idp, cccd=MAI, **overrides) -> tuple[str, str]:
    url, verifier = authorize_url(idp, **overrides)
    answer = provider_login(requests.Session(), url, cccd)
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert query["state"] == ["s1"]
    return query["code"][0], verifier


def token(idp, code, verifier, **overrides):
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK, "code_verifier": verifier,
            **overrides}
    return requests.post(f"{idp.url}/token", data={k: v for k, v in data.items() if v is not None},
                         auth=(CLIENT_ID, overrides.pop("secret", CLIENT_SECRET)), timeout=5)


def test_discovery_and_keys(idp):
    config = requests.get(f"{idp.url}/.well-known/openid-configuration", timeout=5).json()
    assert config["issuer"] == idp.url and config["code_challenge_methods_supported"] == ["S256"]
    assert config["id_token_signing_alg_values_supported"] == ["RS256"]
    assert config["end_session_endpoint"] == f"{idp.url}/logout" and "cccd" in config["claims_supported"]
    keys = requests.get(config["jwks_uri"], timeout=5).json()["keys"]
    assert keys and all(key["kty"] == "RSA" and "d" not in key for key in keys)


def test_the_whole_code_flow_gives_a_signed_id_token_with_nonce_and_the_claims(idp):
    code, verifier = code_for(idp)
    answer = token(idp, code, verifier)
    assert answer.status_code == 200, answer.text
    tokens = answer.json()
    keys = KeySet.import_key_set(requests.get(f"{idp.url}/jwks", timeout=5).json())
    claims = jwt.decode(tokens["id_token"], keys, algorithms=["RS256"]).claims
    assert claims["iss"] == idp.url and claims["aud"] == [CLIENT_ID] and len(claims["nonce"]) > 16
    assert claims["exp"] > claims["iat"] and claims["cccd"] == MAI and claims["identity_level"] == 2
    assert claims["name"] == "Trần Thị Mai" and claims["birthdate"] == "1985-09-02" and claims["gender"] == "female"
    assert claims["address"]["formatted"].startswith("Tổ 3") and claims["phone_number"] == "0987654321"
    info = requests.get(f"{idp.url}/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"},
                        timeout=5).json()
    assert info["sub"] == claims["sub"] and info["cccd"] == MAI
    # A code works once.
    assert token(idp, code, verifier).json()["error"] == "invalid_grant"


def test_a_wrong_verifier_or_none_is_refused(idp):
    code, _verifier = code_for(idp)
    assert token(idp, code, secrets.token_urlsafe(48)).json()["error"] == "invalid_grant"
    code, _verifier = code_for(idp)
    assert token(idp, code, None).json()["error"] == "invalid_request"


def test_a_wrong_client_secret_is_refused(idp):
    code, verifier = code_for(idp)
    answer = requests.post(f"{idp.url}/token", data={"grant_type": "authorization_code", "code": code,
                                                      "redirect_uri": CALLBACK, "code_verifier": verifier},
                           auth=(CLIENT_ID, "wrong"), timeout=5)
    assert answer.status_code == 401 and answer.json()["error"] == "invalid_client"


@pytest.mark.parametrize("overrides, error", [
    ({"code_challenge": None, "code_challenge_method": None}, "PKCE"),
    ({"code_challenge_method": "plain"}, "only S256"),
    ({"nonce": None}, "nonce"),
    ({"scope": "profile"}, ""),
])
def test_an_authorization_request_without_pkce_s256_or_nonce_is_sent_back(idp, overrides, error):
    url, _verifier = authorize_url(idp, **overrides)
    answer = requests.get(url, allow_redirects=False, timeout=5)
    if overrides.get("scope") == "profile":  # not an OpenID request: still only a login page, no ID token later
        assert answer.status_code == 200
        return
    assert answer.status_code == 302 and answer.headers["Location"].startswith(CALLBACK)
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert query["error"] == ["invalid_request"] and error.lower() in query["error_description"][0].lower()


@pytest.mark.parametrize("overrides", [{"redirect_uri": "https://evil.example/cb"}, {"client_id": "someone"}])
def test_an_unknown_client_or_return_address_is_never_redirected_to(idp, overrides):
    url, _verifier = authorize_url(idp, **overrides)
    answer = requests.get(url, allow_redirects=False, timeout=5)
    assert answer.status_code == 400 and "Yêu cầu đăng nhập không hợp lệ" in answer.text


def test_the_login_page_refuses_a_wrong_password_and_a_missing_csrf(idp):
    url, _verifier = authorize_url(idp)
    assert provider_login(requests.Session(), url, AN, password="sai").status_code == 400
    answer = requests.post(url, data={"cccd": AN, "password": "Demo@Portal2025", "action": "login"},
                           allow_redirects=False, timeout=5)
    assert answer.status_code == 400 and "Phiên đăng nhập đã hết hạn" in answer.text


def test_userinfo_needs_a_valid_token(idp):
    assert requests.get(f"{idp.url}/userinfo", timeout=5).status_code == 401
    assert requests.get(f"{idp.url}/userinfo", headers={"Authorization": "Bearer nope"}, timeout=5).status_code == 401


def test_logout_returns_only_to_a_registered_address(idp):
    code, verifier = code_for(idp)
    id_token = token(idp, code, verifier).json()["id_token"]
    back = requests.get(f"{idp.url}/logout", params={"id_token_hint": id_token, "state": "x",
                                                     "post_logout_redirect_uri": "http://testserver/"},
                        allow_redirects=False, timeout=5)
    assert back.status_code == 302 and back.headers["Location"] == "http://testserver/?state=x"
    elsewhere = requests.get(f"{idp.url}/logout", params={"id_token_hint": id_token,
                                                          "post_logout_redirect_uri": "https://evil.example/"},
                             allow_redirects=False, timeout=5)
    assert elsewhere.status_code == 200 and "Bạn đã đăng xuất" in elsewhere.text
    forged = requests.get(f"{idp.url}/logout", params={"id_token_hint": "a.b.c",
                                                       "post_logout_redirect_uri": "http://testserver/"},
                          allow_redirects=False, timeout=5)
    assert forged.status_code == 400


def test_faults_and_admin_need_the_token(idp):
    assert requests.post(f"{idp.url}/admin/faults", json={"down_for_seconds": 5}, timeout=5).status_code == 401
    assert idp.admin(down_for_seconds=30)["down_for_seconds"] > 0
    assert requests.get(f"{idp.url}/jwks", timeout=5).status_code == 503
    assert requests.get(f"{idp.url}/health", timeout=5).status_code == 200
    assert requests.post(f"{idp.url}/admin/faults", data="[1]", headers={"X-IdP-Admin": ADMIN},
                         timeout=5).status_code == 400
    idp.admin(clear=True)
    assert requests.get(f"{idp.url}/jwks", timeout=5).status_code == 200
    assert idp.stats()["logins"] >= 1


def test_a_nonce_used_before_is_refused(idp):
    code_for(idp, nonce="once-only")
    url, _verifier = authorize_url(idp, nonce="once-only")
    answer = requests.get(url, allow_redirects=False, timeout=5)
    assert answer.status_code == 302 and "error=invalid_request" in answer.headers["Location"]


def test_the_login_page_lists_the_demo_identities(idp):
    url, _verifier = authorize_url(idp)
    text = requests.get(url, allow_redirects=False, timeout=5).text
    assert re.search(r"022185004321</code> Trần Thị Mai — mức 2", text)


def test_a_refuse_window_closes_the_port_and_opens_it_again(idp):
    idp.admin(refuse_for_seconds=1.5)
    time.sleep(0.4)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{idp.url}/health", timeout=2)
    deadline = time.monotonic() + 10
    while True:
        try:
            assert requests.get(f"{idp.url}/health", timeout=2).status_code == 200
            break
        except requests.ConnectionError:
            assert time.monotonic() < deadline
            time.sleep(0.1)
