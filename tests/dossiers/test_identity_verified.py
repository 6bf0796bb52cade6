"""Decision 766's field: a dossier submitted online by a citizen who logged in through the national
electronic identity (VNeID) in that session, for themselves, is recorded as such, told to the NPSP, and shown
to the officer; the online form shows the verified identity it was filled from."""

import datetime as dt
import html

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.identity import session as identity_session
from accounts.models import IdentityLevel
from dossiers.events import npsp_payload
from dossiers.models import Dossier, DossierEvent
from tests.dossiers.factories import CCCD_B, pdf_upload, submitted

START = reverse("dossiers:start", args=["1.001193"])
NOTE = "From your national electronic identity (VNeID)"


def page(response) -> str:
    return html.unescape(response.content.decode())


def logged_in(user, *, through_vneid: bool) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    if through_vneid:
        user.identity_subject, user.identity_level = "vneid-test", IdentityLevel.LEVEL_2
        user.identity_verified_at = timezone.now()
        user.address, user.phone = "Tổ 1, khu 2, phường Hạ Long, tỉnh Quảng Ninh", "0912345678"
        user.save()
        session = client.session
        session[identity_session.KEY] = {"user": user.pk, "at": timezone.now().isoformat(), "id_token": "t"}
        session.save()
    return client


def form(world, **overrides) -> dict:
    data = {"centre": world.centre.pk, "applicant_name": "Nguyễn Văn An", "applicant_cccd": world.citizen.cccd,
            "applicant_phone": "0912345678", "applicant_email": "", "description": "Đăng ký khai sinh cho con",
            "applicant_address": "Tổ 1, khu 2, phường Hạ Long", "action": "submit"}
    data.update(overrides)
    data.update({f"component_{c.pk}": pdf_upload() for c in world.components if c.is_mandatory})
    return data


def test_the_form_is_filled_from_the_verified_identity_and_says_so(world):
    text = page(logged_in(world.citizen, through_vneid=True).get(START))
    note = text[text.index(NOTE):text.index("</dl>", text.index(NOTE))]
    assert "Verified by VNeID (Level 2)" in note and "Nguyễn Văn An" in note and world.citizen.cccd in note
    assert "14 May 1990" in note and "Tổ 1, khu 2, phường Hạ Long, tỉnh Quảng Ninh" in note and "0912345678" in note
    assert f'value="{world.citizen.cccd}"' in text
    assert 'value="Tổ 1, khu 2, phường Hạ Long, tỉnh Quảng Ninh"' in text


def test_a_password_session_shows_no_vneid_note(world):
    assert NOTE not in page(logged_in(world.citizen, through_vneid=False).get(START))


def test_a_dossier_submitted_after_a_vneid_login_records_it_and_tells_the_npsp(world):
    client = logged_in(world.citizen, through_vneid=True)
    response = client.post(START, form(world))
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and dossier.state == Dossier.State.SUBMITTED
    assert dossier.applicant_identity_verified is True
    event = dossier.events.get(kind=DossierEvent.Kind.SUBMITTED)
    assert npsp_payload(dossier, event)["identity_verified"] is True
    assert "Verified with the national electronic identity" in page(client.get(response["Location"]))


def test_a_password_login_does_not(world):
    logged_in(world.citizen, through_vneid=False).post(START, form(world))
    dossier = Dossier.objects.get()
    assert dossier.state == Dossier.State.SUBMITTED and dossier.applicant_identity_verified is False
    assert npsp_payload(dossier, dossier.events.get(kind=DossierEvent.Kind.SUBMITTED))["identity_verified"] is False


def test_a_dossier_for_someone_else_is_not_recorded_as_verified(world):
    logged_in(world.citizen, through_vneid=True).post(
        START, form(world, applicant_cccd=CCCD_B, applicant_name="Trần Thị Bích"))
    dossier = Dossier.objects.get()
    assert dossier.state == Dossier.State.SUBMITTED and dossier.applicant_identity_verified is False


def test_a_mark_made_for_another_user_does_not_count(world):
    client = logged_in(world.other_citizen, through_vneid=False)
    session = client.session
    session[identity_session.KEY] = {"user": world.citizen.pk, "at": "", "id_token": ""}
    session.save()
    client.post(START, form(world, applicant_cccd=world.other_citizen.cccd, applicant_name="Trần Thị Bích"))
    assert Dossier.objects.get().applicant_identity_verified is False


def test_submitting_a_draft_from_its_page_after_a_vneid_login(world):
    client = logged_in(world.citizen, through_vneid=True)
    client.post(START, form(world, action="save"))
    dossier = Dossier.objects.get()
    assert dossier.state == Dossier.State.DRAFT and dossier.applicant_identity_verified is False
    client.post(reverse("dossiers:submit", kwargs={"uuid": dossier.uuid}))
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.SUBMITTED and dossier.applicant_identity_verified is True


def test_the_officer_sees_it_on_the_dossiers_page(world):
    verified = submitted(world)
    Dossier.objects.filter(pk=verified.pk).update(applicant_identity_verified=True)
    plain = submitted(world)
    officer = Client()
    officer.cookies["django_language"] = "en"
    officer.force_login(world.officer)
    badge = "Verified with the national electronic identity"
    assert badge in page(officer.get(reverse("dossiers:detail", kwargs={"uuid": verified.uuid})))
    assert badge not in page(officer.get(reverse("dossiers:detail", kwargs={"uuid": plain.uuid})))


def test_the_service_alone_needs_the_citizens_verified_identity(world):
    """The flag is not enough: the citizen's account must have been verified (identity_verified_at)."""
    from dossiers.services import dossier_draft_save, dossier_submit
    world.citizen.identity_verified_at = None
    world.citizen.save()
    draft = dossier_draft_save(citizen=world.citizen, version=world.version, centre=world.centre,
                               applicant=world.applicant(), uploads=world.uploads())
    assert dossier_submit(dossier=draft, citizen=world.citizen, identity_verified=True).applicant_identity_verified \
        is False
    assert dt.date(1990, 5, 14) == world.citizen.date_of_birth


def test_the_api_shows_it(world):
    dossier = submitted(world)
    Dossier.objects.filter(pk=dossier.pk).update(applicant_identity_verified=True)
    officer = Client()
    officer.force_login(world.officer)
    answer = officer.get(f"/api/v1/dossiers/{dossier.uuid}/")
    assert answer.status_code == 200 and answer.json()["applicant_identity_verified"] is True
