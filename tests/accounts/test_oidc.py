"""Logging in with the national electronic identity (VNeID) against the mock provider as a real process over
HTTP: the first login creates or links the citizen's account, later logins refresh it, logout ends the session
at the provider too, and officials' accounts are never taken over."""

import html

import pytest
import requests
from django.urls import reverse

from accounts.identity import session as identity_session
from accounts.models import IdentityLevel, User
from tests.accounts.conftest import PASSWORD as LOCAL_PASSWORD
from tests.accounts.factories import CitizenFactory
from tests.accounts.idp import AN, CLIENT_ID, MAI, QUAN, local_path, provider_login, running_idp, use_idp
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
START = reverse("accounts:identity_start")


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    with running_idp(tmp_path_factory.mktemp("idp"), portal_urls=["http://testserver"]) as provider:
        yield provider


@pytest.fixture(autouse=True)
def _portal_uses_the_mock(settings, idp):
    use_idp(settings, idp)
    settings.SITE_URL = "http://testserver"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    idp.admin(clear=True)


def page(response) -> str:
    return html.unescape(response.content.decode())


def vneid_login(client, cccd: str, *, next_url: str = ""):
    """Login page → the VNeID button → the provider's page → back: the portal's answer to the callback."""
    start = client.get(START + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, page(start)
    back = provider_login(requests.Session(), start["Location"], cccd)
    assert back.status_code == 302 and back.headers["Location"].startswith("http://testserver/accounts/vneid/callback/")
    return client.get(local_path(back.headers["Location"]))


def test_the_login_page_offers_vneid_beside_the_password(client):
    text = page(client.get(reverse("accounts:login")))
    assert "Log in with your national electronic identity account (VNeID)" in text
    assert f'href="{START}"' in text and 'name="password"' in text


def test_the_button_is_hidden_where_the_portal_is_not_registered(client, settings):
    settings.OIDC_ENABLED = False
    assert "VNeID" not in page(client.get(reverse("accounts:login")))
    response = client.get(START)
    assert response.status_code == 404 and "Logging in with VNeID is not available on this portal." in page(response)


def test_the_request_to_the_provider_carries_state_nonce_and_a_pkce_challenge(client, idp):
    location = client.get(START)["Location"]
    assert location.startswith(f"{idp.url}/authorize?")
    for parameter in ("state=", "nonce=", "code_challenge=", "code_challenge_method=S256", f"client_id={CLIENT_ID}",
                      "scope=openid+profile+address+phone", "response_type=code"):
        assert parameter in location


def test_a_first_login_creates_the_citizens_account_from_the_verified_claims(client, idp):
    assert not User.objects.filter(cccd=MAI).exists()
    response = vneid_login(client, MAI)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:home")
    mai = User.objects.get(cccd=MAI)
    assert (mai.username, mai.full_name, mai.role) == (MAI, "Trần Thị Mai", User.Role.CITIZEN)
    assert str(mai.date_of_birth) == "1985-09-02" and mai.gender == "female" and mai.phone == "0987654321"
    assert mai.address == "Tổ 3, khu 5, phường Hạ Long, tỉnh Quảng Ninh"
    assert mai.identity_level == IdentityLevel.LEVEL_2 and mai.identity_subject and mai.identity_verified_at
    assert not mai.has_usable_password()
    assert client.session["_auth_user_id"] == str(mai.pk)
    home = page(client.get(reverse("accounts:home")))
    assert "You are logged in with your national electronic identity (VNeID)." in home and "Trần Thị Mai" in home


def test_a_local_account_with_the_same_cccd_is_linked_not_duplicated_and_refreshed(client):
    an = CitizenFactory(cccd=AN, username=AN, full_name="Nguyen Van An (old)", date_of_birth="1990-05-14",
                        gender="male", phone="0900000000", address="")
    vneid_login(client, AN)
    assert User.objects.filter(cccd=AN).count() == 1
    an.refresh_from_db()
    assert an.full_name == "Nguyễn Văn An" and an.phone == "0912345678"
    assert an.address == "Tổ 1, khu 2, phường Hạ Long, tỉnh Quảng Ninh"
    assert an.identity_level == IdentityLevel.LEVEL_2 and an.has_usable_password()
    first = an.identity_verified_at
    # Later logins refresh the account; the local password keeps working.
    an.full_name, an.address = "Changed here", "Changed here"
    an.save()
    client.post(reverse("accounts:logout"))
    vneid_login(client, AN)
    an.refresh_from_db()
    assert an.full_name == "Nguyễn Văn An" and an.address.startswith("Tổ 1") and an.identity_verified_at > first
    client.post(reverse("accounts:logout"))
    assert client.post(reverse("accounts:login"), {"username": AN, "password": LOCAL_PASSWORD}).status_code == 302


def test_a_level_1_account_is_recorded_as_level_1(client):
    vneid_login(client, QUAN)
    assert User.objects.get(cccd=QUAN).identity_level == IdentityLevel.LEVEL_1


def test_an_officials_account_is_never_taken_over_by_a_claim(client):
    official = UserFactory(username="motcua.test", role=User.Role.OFFICER, cccd=MAI)
    response = vneid_login(client, MAI)
    assert response.status_code == 403
    assert "belongs to an official's account, which cannot be used through VNeID" in page(response)
    official.refresh_from_db()
    assert not official.identity_subject and "_auth_user_id" not in client.session
    assert User.objects.filter(cccd=MAI).count() == 1


def test_the_session_is_marked_and_logout_ends_it_at_the_provider_too(client, idp):
    vneid_login(client, MAI)
    request = type("R", (), {"session": client.session, "user": User.objects.get(cccd=MAI)})()
    assert identity_session.verified(request)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response["Location"].startswith(f"{idp.url}/logout?")
    assert "id_token_hint=" in response["Location"] and "_auth_user_id" not in client.session
    back = requests.get(response["Location"], allow_redirects=False, timeout=5)
    assert back.status_code == 302 and back.headers["Location"] == "http://testserver/"


def test_a_password_session_logs_out_only_here(client):
    CitizenFactory(cccd=AN, username=AN, date_of_birth="1990-05-14", gender="male")
    client.post(reverse("accounts:login"), {"username": AN, "password": LOCAL_PASSWORD})
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response["Location"] == "/"


def test_next_brings_the_citizen_back_where_they_were(client):
    response = vneid_login(client, MAI, next_url="/dossiers/mine/")
    assert response["Location"] == "/dossiers/mine/"


def test_a_wrong_password_at_the_provider_stays_there(client):
    browser = requests.Session()
    location = client.get(START)["Location"]
    answer = provider_login(browser, location, MAI, password="wrong")
    assert answer.status_code == 400 and "Số định danh cá nhân hoặc mật khẩu không đúng." in answer.text


def test_starts_and_returns_are_limited_per_address(client, settings, protections_on):
    settings.ACCOUNTS_IDENTITY_RATE = "3/m"
    for _ in range(3):
        assert client.get(START).status_code == 302
    response = client.get(START)
    assert response.status_code == 429 and response["Retry-After"]
    assert client.get(reverse("accounts:identity_callback") + "?code=x&state=y").status_code == 429


def test_logout_is_post_only(client):
    vneid_login(client, MAI)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
