"""Bad answers on the way back from the national identity provider, each against the mock as a real process:
a tampered, forged, expired, foreign or replayed ID token, a wrong nonce, a missing or replayed state, the
provider down or too slow. Each is refused on a clear page (Vietnamese and English), nothing is created, no one
is logged in, and logging in with the password still works."""

import base64
import html
import json
import time

import jwt as pyjwt
import pytest
import requests
from django.test import Client
from django.urls import reverse
from django.utils import translation
from joserfc.jwk import RSAKey

from accounts.identity.backend import NationalIdentityBackend
from accounts.models import User
from tests.accounts.conftest import PASSWORD as LOCAL_PASSWORD
from tests.accounts.factories import CitizenFactory
from tests.accounts.idp import AN, MAI, local_path, provider_login, running_idp, use_idp

pytestmark = pytest.mark.django_db
START = reverse("accounts:identity_start")
TRY_AGAIN = "Nothing was changed in your account. Try again, or log in with your CCCD number and password."


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    with running_idp(tmp_path_factory.mktemp("idp"), portal_urls=["http://testserver"]) as provider:
        yield provider


@pytest.fixture(autouse=True)
def _portal_uses_the_mock(settings, idp):
    use_idp(settings, idp)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.OIDC_TIMEOUT = 1.5
    idp.admin(clear=True)
    yield
    idp.admin(clear=True)


@pytest.fixture
def an():
    """The demo citizen's local account, to show that the password login still works after each refusal."""
    return CitizenFactory(cccd=AN, username=AN, date_of_birth="1990-05-14", gender="male")


def page(response) -> str:
    return html.unescape(response.content.decode())


def back_from_provider(client, cccd: str = MAI) -> str:
    """The callback address the provider sends the browser back to, after a real login there."""
    location = client.get(START)["Location"]
    answer = provider_login(requests.Session(), location, cccd)
    assert answer.status_code == 302
    return local_path(answer.headers["Location"])


def assert_refused(client, response, message: str, *, status: int = 400, code: str = ""):
    text = page(response)
    assert response.status_code == status, text
    assert "You are not logged in with VNeID" in text and message in text and TRY_AGAIN in text
    assert f'href="{START}"' in text and f'href="{reverse("accounts:login")}"' in text
    if code:
        assert f"Error code for the hotline: {code}" in text
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(cccd=MAI).exists()  # nothing created
    # The password login still works.
    answer = client.post(reverse("accounts:login"), {"username": AN, "password": LOCAL_PASSWORD})
    assert answer.status_code == 302 and client.session["_auth_user_id"]


def swap_id_token(monkeypatch, make):
    """The provider's real token response, with its ID token replaced by ``make(real_token)``."""
    original = NationalIdentityBackend.get_token

    def get_token(self, payload):
        answer = original(self, payload)
        return {**answer, "id_token": make(answer["id_token"])}

    monkeypatch.setattr(NationalIdentityBackend, "get_token", get_token)


def claims_of(token: str) -> dict:
    return pyjwt.decode(token, options={"verify_signature": False})


@pytest.mark.usefixtures("an")
def test_a_tampered_id_token_is_refused(client, monkeypatch):
    def tamper(token):
        header, payload, signature = token.split(".")
        claims = {**claims_of(token), "cccd": "022090012345"}  # someone else's number, same signature
        forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
        return f"{header}.{forged}.{signature}"

    swap_id_token(monkeypatch, tamper)
    response = client.get(back_from_provider(client))
    assert_refused(client, response, "its electronic signature is not valid", code="identity.token")
    assert User.objects.filter(cccd=AN, identity_subject="").exists()


@pytest.mark.usefixtures("an")
def test_a_token_signed_with_another_key_under_the_providers_kid_is_refused(client, monkeypatch, idp):
    stranger = RSAKey.generate_key(2048, private=True)
    swap_id_token(monkeypatch, lambda token: idp.sign(claims_of(token), key=stranger))
    assert_refused(client, client.get(back_from_provider(client)), "its electronic signature is not valid",
                   code="identity.token")


@pytest.mark.usefixtures("an")
def test_a_token_with_an_unknown_kid_is_refused(client, monkeypatch, idp):
    stranger = RSAKey.generate_key(2048, private=True)
    swap_id_token(monkeypatch, lambda token: idp.sign(claims_of(token), key=stranger,
                                                      header={"alg": "RS256", "kid": "someone-else"}))
    assert_refused(client, client.get(back_from_provider(client)), "its electronic signature is not valid")


@pytest.mark.usefixtures("an")
def test_an_unsigned_or_hmac_token_is_refused(client, monkeypatch, idp):
    def unsigned(token):
        header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
        return f"{header}.{token.split('.')[1]}."

    swap_id_token(monkeypatch, unsigned)
    assert_refused(client, client.get(back_from_provider(client)), "its electronic signature is not valid")


@pytest.mark.usefixtures("an")
def test_an_expired_id_token_is_refused(client, monkeypatch, idp):
    now = int(time.time())
    swap_id_token(monkeypatch, lambda token: idp.sign({**claims_of(token), "iat": now - 7200, "exp": now - 3600}))
    assert_refused(client, client.get(back_from_provider(client)), "The answer from VNeID has expired.",
                   code="identity.expired")


@pytest.mark.usefixtures("an")
def test_a_token_for_another_service_is_refused(client, monkeypatch, idp):
    swap_id_token(monkeypatch, lambda token: idp.sign({**claims_of(token), "aud": ["another-service"]}))
    assert_refused(client, client.get(back_from_provider(client)), "was not issued for this portal",
                   code="identity.audience")


@pytest.mark.usefixtures("an")
def test_a_token_from_another_issuer_is_refused(client, monkeypatch, idp):
    swap_id_token(monkeypatch, lambda token: idp.sign({**claims_of(token), "iss": "https://evil.example"}))
    assert_refused(client, client.get(back_from_provider(client)), "was not issued for this portal")


@pytest.mark.usefixtures("an")
def test_a_wrong_nonce_is_refused(client, monkeypatch, idp):
    swap_id_token(monkeypatch, lambda token: idp.sign({**claims_of(token), "nonce": "not-the-one-we-sent"}))
    assert_refused(client, client.get(back_from_provider(client)),
                   "does not match the login started here", code="identity.nonce")


@pytest.mark.usefixtures("an")
def test_a_token_without_a_cccd_is_refused(client, monkeypatch, idp):
    swap_id_token(monkeypatch, lambda token: idp.sign({**claims_of(token), "cccd": "123"}))
    monkeypatch.setattr(NationalIdentityBackend, "get_userinfo", lambda self, *a: {"sub": claims_of(a[1])["sub"]})
    assert_refused(client, client.get(back_from_provider(client)), "did not give a valid personal identification",
                   code="identity.claims")


@pytest.mark.usefixtures("an")
def test_a_missing_state_is_refused(client):
    callback = back_from_provider(client)
    code_only = callback.split("?")[0] + "?" + "&".join(p for p in callback.split("?")[1].split("&")
                                                         if p.startswith("code="))
    assert_refused(client, client.get(code_only), "does not belong to a login started here", code="identity.state")


@pytest.mark.usefixtures("an")
def test_a_state_from_another_session_is_refused(client):
    callback = back_from_provider(Client())  # started in another browser: an attacker's login, planted here
    assert_refused(client, client.get(callback), "does not belong to a login started here")


@pytest.mark.usefixtures("an")
def test_a_replayed_callback_is_refused(client):
    callback = back_from_provider(client)
    assert client.get(callback).status_code == 302
    mai = User.objects.get(cccd=MAI)
    client.post(reverse("accounts:logout"))
    mai.delete()  # so that "nothing created" checks the replay alone
    assert_refused(client, client.get(callback), "does not belong to a login started here")


@pytest.mark.usefixtures("an")
def test_cancelling_at_the_provider(client):
    location = client.get(START)["Location"]
    answer = provider_login(requests.Session(), location, "", action="cancel")
    response = client.get(local_path(answer.headers["Location"]))
    assert_refused(client, response, "The login at VNeID was cancelled or did not complete.",
                   code="identity.cancelled")


@pytest.mark.usefixtures("an")
def test_the_provider_down_before_the_citizen_leaves(client, idp):
    idp.admin(down_for_seconds=30)
    assert_refused(client, client.get(START), "VNeID is not answering at the moment", status=503,
                   code="identity.unavailable")


@pytest.mark.usefixtures("an")
def test_the_provider_down_on_the_way_back(client, idp):
    callback = back_from_provider(client)
    idp.admin(down_for_seconds=30)
    assert_refused(client, client.get(callback), "VNeID is not answering at the moment", status=503)


@pytest.mark.usefixtures("an")
def test_the_provider_unreachable(client, settings):
    discovery = settings.OIDC_OP_DISCOVERY_URL
    settings.OIDC_OP_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    assert_refused(client, client.get(START), "VNeID is not answering at the moment", status=503)
    settings.OIDC_OP_DISCOVERY_URL = discovery
    other = Client()
    callback = back_from_provider(other)
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"
    assert_refused(other, other.get(callback), "VNeID is not answering at the moment", status=503)


@pytest.mark.usefixtures("an")
def test_the_provider_refusing_connections_on_the_way_back(client, idp):
    callback = back_from_provider(client)
    idp.admin(refuse_for_seconds=3)
    time.sleep(0.4)
    assert_refused(client, client.get(callback), "VNeID is not answering at the moment", status=503)
    time.sleep(3)


@pytest.mark.usefixtures("an")
def test_the_provider_too_slow(client, idp):
    callback = back_from_provider(client)
    idp.admin(latency_ms=3000)
    started = time.monotonic()
    response = client.get(callback)
    assert time.monotonic() - started < 3
    assert_refused(client, response, "VNeID is not answering at the moment", status=503)


@pytest.mark.usefixtures("an")
def test_the_refusal_page_in_vietnamese(client, settings):
    settings.LANGUAGE_CODE = "vi"
    with translation.override("vi"):
        text = page(client.get(reverse("accounts:identity_callback") + "?code=x"))
    assert "Chưa đăng nhập được bằng VNeID" in text
    assert "Hãy thử lại, hoặc đăng nhập bằng số CCCD và mật khẩu." in text


@pytest.mark.usefixtures("an")
@pytest.mark.parametrize("query", ["?code=%00&state=%00", "?state=" + "x" * 5000 + "&code=y", "?error=%00",
                                   "?code=y&state=%C3%A1%F0%9F%98%80", "?error=access_denied&state=zz"])
def test_hostile_callbacks_never_fail(client, query):
    response = client.get(reverse("accounts:identity_callback") + query)
    # NUL bytes are refused by the portal before any view (portal.middleware); the rest by this one.
    assert response.status_code == 400 and "_auth_user_id" not in client.session
    if "%00" not in query:
        assert "You are not logged in with VNeID" in page(response)


def test_a_link_carrying_an_error_logs_nobody_out(client, an):
    client.force_login(an)
    response = client.get(reverse("accounts:identity_callback") + "?error=access_denied&state=planted")
    assert response.status_code == 400 and client.session["_auth_user_id"] == str(an.pk)


@pytest.mark.usefixtures("an")
def test_a_cancelled_login_spends_its_state(client):
    location = client.get(START)["Location"]
    answer = provider_login(requests.Session(), location, "", action="cancel")
    client.get(local_path(answer.headers["Location"]))
    assert client.session.get("oidc_states") == {}
