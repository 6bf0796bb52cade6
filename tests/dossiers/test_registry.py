"""Identity prefill from the national population database (Cơ sở dữ liệu quốc gia về dân cư), against the
mock NPSP as the real separate process: the lookup endpoint prefill.js calls, the forms' "Tra cứu" button
without JavaScript, what the services record on save, and the pages and API that show it.

Pages are asserted in Vietnamese, the language a visitor gets by default. Every lookup waits at most
NPSP_LOOKUP_TIMEOUT_SECONDS, set short here, so a hanging mock bounds a test to well under a second."""

import datetime as dt
import html
import re
import time

import pytest
import requests
import time_machine
from django.core import signing
from django.test import Client
from django.urls import reverse

from dossiers import registry
from dossiers.models import Dossier, RegistryLookup
from dossiers.services import dossier_draft_save
from tests.dossiers.factories import CCCD_A, CCCD_B, pdf_upload
from tests.nationalportal import conftest as mock_npsp

# The mock NPSP as the real separate process (tests/nationalportal/conftest.py), as fixtures here too.
npsp_process, npsp = mock_npsp.npsp_process, mock_npsp.npsp

LOOKUP = reverse("dossiers:registry_lookup")
START = reverse("dossiers:start", args=["1.001193"])
COUNTER = reverse("dossiers:counter")
AN = {"applicant_name": "Nguyễn Văn An", "applicant_address": "Tổ 1, khu 2, phường Hạ Long, tỉnh Quảng Ninh"}
MAI_CCCD = "022185004321"  # the demo walk-in, second record of the mock's population
MARK = "từ Cơ sở dữ liệu quốc gia về dân cư"
SLOW = "Cơ sở dữ liệu quốc gia về dân cư hiện không phản hồi"


@pytest.fixture(autouse=True)
def _short_lookups(settings):
    settings.NPSP_LOOKUP_TIMEOUT_SECONDS = 0.5


def text(response) -> str:
    return html.unescape(response.content.decode())


def value_of(page: str, name: str) -> str:
    """The value attribute of the input named ``name`` on the page."""
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
    match = re.search(r'value="([^"]*)"', tag)
    return match.group(1) if match else ""


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(world, **overrides) -> dict:
    data = {"centre": world.centre.pk, "applicant_name": "Nguyễn Văn An", "applicant_cccd": CCCD_A,
            "applicant_phone": "0912345678", "applicant_email": "an@example.vn",
            "applicant_address": "Số 5 Lê Lợi", "description": "Đăng ký khai sinh cho con", "action": "save"}
    data.update(overrides)
    return data


def with_files(world, data: dict) -> dict:
    return {**data, **{f"component_{c.pk}": pdf_upload() for c in world.components if c.is_mandatory}}


def lookup(client, cccd=CCCD_A, consent=True):
    return client.post(LOOKUP, {"cccd": cccd, **({"consent": "on"} if consent else {})})


def wait_refusing(npsp, timeout: float = 5.0) -> None:
    """The mock closes its socket a moment after it is told to refuse connections."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            requests.get(f"{npsp.url}/health", timeout=0.5)
        except requests.ConnectionError:
            return
        time.sleep(0.05)
    raise AssertionError("the mock kept accepting connections")


def mock_requests(npsp) -> int:
    return npsp.stats().get("requests", 0)


# ---- Found: filled, and recorded on save ---------------------------------------------------------------

def test_found_fills_the_fields_and_the_saved_dossier_records_them(world, npsp):
    citizen = login(world.citizen)
    answer = lookup(citizen)
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "found" and body["values"] == AN
    assert "Đã điền thông tin từ Cơ sở dữ liệu quốc gia về dân cư" in body["message"]

    saved = citizen.post(START, with_files(world, form_data(world, **AN, registry_token=body["token"],
                                                           action="submit")))
    assert saved.status_code == 302
    dossier = Dossier.objects.get(applicant_cccd=CCCD_A)
    assert dossier.registry_fields == ["applicant_name", "applicant_address"]
    assert dossier.registry_checked_at is not None

    officer_page = text(login(world.officer).get(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})))
    assert officer_page.count(MARK) == 2
    assert "Tra cứu thông tin nhân thân" in officer_page
    citizen_page = text(citizen.get(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})))
    assert "Lấy từ Cơ sở dữ liệu quốc gia về dân cư" in citizen_page and "Họ và tên, Địa chỉ" in citizen_page
    api = citizen.get(reverse("dossiers_api:dossier-detail", kwargs={"uuid": dossier.uuid})).json()
    assert api["registry_fields"] == ["applicant_name", "applicant_address"] and api["registry_checked_at"]


def test_without_javascript_look_up_reloads_the_form_filled_and_keeps_what_was_typed(world, npsp):
    citizen = login(world.citizen)
    sent = form_data(world, applicant_name="", applicant_address="", applicant_phone="0987654321",
                     description="Khai sinh cho bé Bình", action="lookup", registry_consent="on")
    page = citizen.post(START, sent)
    assert page.status_code == 200
    shown = text(page)
    assert "Đã điền thông tin từ Cơ sở dữ liệu quốc gia về dân cư" in shown
    assert value_of(shown, "applicant_name") == AN["applicant_name"]
    assert value_of(shown, "applicant_address") == AN["applicant_address"]
    assert value_of(shown, "applicant_phone") == "0987654321" and "Khai sinh cho bé Bình" in shown
    assert re.search(r'name="registry_consent"[^>]*checked', shown)
    assert not Dossier.objects.exists()  # a lookup saves nothing

    resent = form_data(world, **AN, applicant_phone="0987654321", registry_token=value_of(shown, "registry_token"))
    assert citizen.post(START, resent).status_code == 302
    assert Dossier.objects.get().registry_fields == ["applicant_name", "applicant_address"]


def test_a_changed_value_is_not_recorded_as_from_the_registry(world, npsp):
    citizen = login(world.citizen)
    token = lookup(citizen).json()["token"]
    data = form_data(world, applicant_name="Nguyễn Văn Ân", applicant_address=AN["applicant_address"],
                     registry_token=token, action="submit")
    assert citizen.post(START, with_files(world, data)).status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.applicant_name == "Nguyễn Văn Ân" and dossier.registry_fields == ["applicant_address"]
    officer_page = text(login(world.officer).get(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})))
    assert officer_page.count(MARK) == 1


def test_a_draft_saved_again_keeps_the_unchanged_fields_and_drops_a_changed_one(world, npsp):
    citizen = login(world.citizen)
    token = lookup(citizen).json()["token"]
    citizen.post(START, form_data(world, **AN, registry_token=token))
    dossier = Dossier.objects.get()
    edit = reverse("dossiers:edit", kwargs={"uuid": dossier.uuid})
    # The edit page carries no token: what was recorded stays while the values stay.
    citizen.post(edit, form_data(world, **AN, applicant_phone="0987654321"))
    dossier.refresh_from_db()
    assert dossier.registry_fields == ["applicant_name", "applicant_address"]
    citizen.post(edit, form_data(world, applicant_name=AN["applicant_name"], applicant_address="Số 9 Trần Phú"))
    dossier.refresh_from_db()
    assert dossier.registry_fields == ["applicant_name"]


@pytest.mark.parametrize("forge", ["tampered", "other_cccd", "expired"])
def test_a_tampered_other_or_old_token_records_nothing_and_the_dossier_is_saved(world, npsp, forge):
    citizen = login(world.citizen)
    token = lookup(citizen).json()["token"]
    if forge == "tampered":
        record = signing.loads(token, salt=registry.SALT)
        payload = signing.dumps({**record, "name": "Nguyễn Văn An"}, key="not-the-portal-key", salt=registry.SALT)
        token = payload  # well-formed, wrongly signed
    elif forge == "other_cccd":
        token = signing.dumps({**signing.loads(token, salt=registry.SALT), "cccd": CCCD_B}, salt=registry.SALT)
    data = with_files(world, form_data(world, **AN, registry_token=token, action="submit"))
    if forge == "expired":
        with time_machine.travel(dt.datetime.now(dt.UTC) + registry.TOKEN_MAX_AGE + dt.timedelta(minutes=1)):
            response = citizen.post(START, data)
    else:
        response = citizen.post(START, data)
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.state == Dossier.State.SUBMITTED and dossier.applicant_name == AN["applicant_name"]
    assert dossier.registry_fields == [] and dossier.registry_checked_at is None
    officer_page = text(login(world.officer).get(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})))
    assert AN["applicant_name"] in officer_page and MARK not in officer_page


def test_a_garbage_token_is_ignored_by_the_service(world, npsp):
    dossier = dossier_draft_save(citizen=world.citizen, version=world.version, centre=world.centre,
                                 applicant=world.applicant(registry_token="rubbish:not:a:token"))
    assert dossier.registry_fields == [] and dossier.registry_checked_at is None


# ---- Not found, slow, down: said plainly, typing by hand works -------------------------------------------

def test_an_unknown_number_is_said_plainly(world, npsp):
    citizen = login(world.other_citizen)  # their own number, which the mock's registry does not hold
    answer = lookup(citizen, cccd=CCCD_B)
    assert answer.status_code == 200 and answer.json()["status"] == "not_found"
    page = text(citizen.post(START, form_data(world, applicant_cccd=CCCD_B, action="lookup", registry_consent="on")))
    assert f"Không tìm thấy người có số CCCD {CCCD_B} trong Cơ sở dữ liệu quốc gia về dân cư" in page
    assert value_of(page, "applicant_name") == "Nguyễn Văn An"  # what was typed stays
    assert value_of(page, "registry_token") == ""


@pytest.mark.parametrize("fault", [
    {"timeout_rate": 1, "hang_seconds": 3},  # hangs past the lookup's 0.5 s
    {"down_for_seconds": 30},  # 503
    {"refuse_for_seconds": 4},  # connections refused (the fixture waits for the mock to come back)
])
def test_a_slow_or_down_registry_is_said_plainly_and_the_form_still_submits_by_hand(world, npsp, fault):
    citizen = login(world.citizen)
    npsp.admin(**fault)
    if "refuse_for_seconds" in fault:
        wait_refusing(npsp)
    answer = lookup(citizen)
    assert answer.status_code == 503
    assert answer.json()["status"] == "unavailable" and SLOW in answer.json()["message"]

    typed = form_data(world, applicant_name="Nguyễn Văn An", applicant_address="Số 5 Lê Lợi", action="lookup",
                      registry_consent="on")
    page = text(citizen.post(START, typed))
    assert SLOW in page and "tự nhập thông tin" in page
    assert value_of(page, "applicant_address") == "Số 5 Lê Lợi" and "Đăng ký khai sinh cho con" in page

    by_hand = citizen.post(START, with_files(world, {**typed, "action": "submit"}))
    assert by_hand.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.state == Dossier.State.SUBMITTED and dossier.applicant_address == "Số 5 Lê Lợi"
    assert dossier.registry_fields == []


# ---- Consent, rights and the rate limit ----------------------------------------------------------------

def test_without_consent_nothing_is_looked_up(world, npsp):
    citizen = login(world.citizen)
    before = mock_requests(npsp)
    answer = lookup(citizen, consent=False)
    assert answer.status_code == 400 and answer.json()["status"] == "no_consent" and not answer.json()["values"]
    page = citizen.post(START, form_data(world, applicant_name="", action="lookup"))
    assert page.status_code == 400
    assert "Hãy đánh dấu ô đồng ý trước" in text(page) and value_of(text(page), "applicant_name") == ""
    assert mock_requests(npsp) == before


def test_a_malformed_number_is_refused_before_asking_the_registry(world, npsp):
    before = mock_requests(npsp)
    answer = lookup(login(world.citizen), cccd="12345")
    assert answer.status_code == 400 and answer.json()["status"] == "invalid"
    assert mock_requests(npsp) == before


def test_the_lookup_is_for_citizens_and_one_stop_officers_only(world, npsp):
    assert Client().post(LOOKUP, {"cccd": CCCD_A, "consent": "on"}).status_code == 302  # to the login page
    assert lookup(login(world.specialist)).status_code == 403
    assert login(world.citizen).get(LOOKUP).status_code == 405
    assert lookup(login(world.officer)).json()["status"] == "found"


def test_each_user_is_limited_and_another_is_not(world, npsp, settings):
    settings.NPSP_LOOKUP_RATE = "2/m"
    greedy = login(world.citizen)
    assert [lookup(greedy).status_code for _ in range(2)] == [200, 200]
    before = mock_requests(npsp)
    limited = lookup(greedy)
    assert limited.status_code == 429 and limited.json()["status"] == "limited"
    assert "tra cứu quá nhiều lần" in limited.json()["message"]
    page = greedy.post(START, form_data(world, action="lookup", registry_consent="on"))
    assert page.status_code == 429 and "tra cứu quá nhiều lần" in text(page)
    assert value_of(text(page), "applicant_address") == "Số 5 Lê Lợi"
    assert mock_requests(npsp) == before  # past the limit, the registry is not asked

    other = login(world.officer)
    assert lookup(other, cccd=MAI_CCCD).json()["status"] == "found"


# ---- At the counter --------------------------------------------------------------------------------------

def counter_data(world, **overrides) -> dict:
    data = {"procedure": "1.001193", "applicant_cccd": MAI_CCCD, "applicant_name": "", "applicant_phone": "0987654321",
            "applicant_email": "", "applicant_address": "", "description": "Khai sinh"}
    data.update(overrides)
    return data


def test_the_counter_looks_up_a_walk_in_who_consented_and_records_it(world, npsp):
    officer = login(world.officer)
    refused = officer.post(COUNTER, counter_data(world, action="lookup"))
    assert refused.status_code == 400 and "Hãy đánh dấu ô đồng ý trước" in text(refused)

    page = text(officer.post(COUNTER, counter_data(world, action="lookup", registry_consent="on")))
    assert value_of(page, "applicant_name") == "Trần Thị Mai"
    assert value_of(page, "applicant_address") == "Tổ 3, khu 5, phường Hạ Long, tỉnh Quảng Ninh"
    assert value_of(page, "applicant_phone") == "0987654321"
    assert not Dossier.objects.exists()

    filed = officer.post(COUNTER, counter_data(
        world, applicant_name=value_of(page, "applicant_name"), applicant_address=value_of(page, "applicant_address"),
        registry_token=value_of(page, "registry_token"), action="await_check"))  # no scans yet: to the desk
    assert filed.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.channel == Dossier.Channel.COUNTER
    assert dossier.registry_fields == ["applicant_name", "applicant_address"]
    assert text(officer.get(filed["Location"])).count(MARK) == 2


def test_the_counter_says_when_the_registry_is_down_and_files_by_hand(world, npsp):
    officer = login(world.officer)
    npsp.admin(down_for_seconds=30)
    page = text(officer.post(COUNTER, counter_data(world, applicant_name="Trần Thị Mai", action="lookup",
                                                   registry_consent="on")))
    assert SLOW in page and value_of(page, "applicant_name") == "Trần Thị Mai"
    filed = officer.post(COUNTER, counter_data(world, applicant_name="Trần Thị Mai", action="await_check"))
    assert filed.status_code == 302
    assert Dossier.objects.get().registry_fields == []


# ---- Whose identity: a citizen their own, an officer a walk-in's; every lookup recorded ------------------

def test_a_citizen_cannot_look_up_someone_elses_identity(world, npsp):
    citizen = login(world.citizen)
    before = mock_requests(npsp)
    answer = lookup(citizen, cccd=MAI_CCCD)
    assert answer.status_code == 403 and answer.json()["status"] == "not_own"
    assert answer.json()["values"] == {} and "Trần Thị Mai" not in answer.content.decode()
    assert "chỉ có thể tra cứu thông tin của chính mình" in answer.json()["message"]
    page = citizen.post(START, form_data(world, applicant_cccd=MAI_CCCD, action="lookup", registry_consent="on"))
    assert page.status_code == 403 and "chỉ có thể tra cứu thông tin của chính mình" in text(page)
    assert "Trần Thị Mai" not in text(page)
    assert mock_requests(npsp) == before  # the registry was never asked
    assert not RegistryLookup.objects.exists()


def test_a_citizens_own_number_with_another_date_of_birth_shows_nothing(world, npsp):
    type(world.citizen).objects.filter(pk=world.citizen.pk).update(date_of_birth=dt.date(1990, 5, 1))
    answer = lookup(login(world.citizen))
    assert answer.status_code == 200 and answer.json()["status"] == "mismatch"
    assert answer.json()["values"] == {} and answer.json()["token"] == ""
    assert "Tổ 1, khu 2" not in answer.content.decode()
    assert RegistryLookup.objects.get().outcome == "mismatch"


def test_every_lookup_that_reaches_the_registry_is_recorded_with_who_asked(world, npsp):
    lookup(login(world.citizen))
    lookup(login(world.officer), cccd=MAI_CCCD)
    lookup(login(world.officer), cccd="022099999999")
    rows = list(RegistryLookup.objects.order_by("at", "id").values_list("user__username", "cccd", "outcome"))
    assert rows == [(CCCD_A, CCCD_A, "found"), ("motcua", MAI_CCCD, "found"), ("motcua", "022099999999", "not_found")]
