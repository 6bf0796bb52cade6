"""The online petition form (gửi phản ánh, kiến nghị) as visitors and citizens see it: the receipt and its
e-mail, each missing contact field named with what was typed kept, refused attachments, a dossier code that
does not exist, the limit per address that counts only accepted petitions, and "my petitions"."""

import html
import types

import django_ratelimit.core
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from feedback.models import Petition
from tests.dossiers.factories import pdf_bytes, png_bytes, received
from tests.feedback.factories import filed

pytestmark = pytest.mark.django_db
URL = reverse("feedback:submit")


@pytest.fixture(autouse=True)
def limits_on(settings, monkeypatch):
    settings.RATELIMIT_ENABLE = True
    settings.FEEDBACK_SUBMIT_RATE = "20/h"
    # Counters live in fixed windows; only the rate limiter's clock stands still.
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: 1_767_225_600.0))


@pytest.fixture
def client():
    client = Client()
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def eager_celery():
    from portal.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def page(response) -> str:
    return html.unescape(response.content.decode())


def form_data(**overrides) -> dict:
    data = {"kind": "feedback", "title": "Cán bộ hẹn đi hẹn lại", "content": "Tôi đến ba lần vẫn chưa được trả kết quả.",
            "about": "other", "name": "Nguyễn Văn An", "address": "Tổ 1, khu 2, phường Hạ Long",
            "phone": "0912 345 678", "email": "an@example.vn"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_visitor_sends_a_petition_gets_the_receipt_and_the_email_with_the_code(
        client, world, eager_celery, django_capture_on_commit_callbacks):
    form = page(client.get(URL))
    assert "Send feedback or a petition" in form
    assert "The law does not accept anonymous feedback or petitions" in form and "Decree 20/2008/NĐ-CP" in form
    assert "Feedback together with the solution you propose" in form  # what a kiến nghị is
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data())
    assert response.status_code == 302 and response["Location"] == reverse("feedback:sent")
    petition = Petition.objects.get()
    assert (petition.name, petition.phone, petition.citizen, petition.channel) == (
        "Nguyễn Văn An", "0912345678", None, Petition.Channel.ONLINE)
    receipt = page(client.get(response["Location"]))
    assert "Your petition has been received" in receipt
    assert f'<p class="receipt__code">{petition.code}</p>' in receipt
    assert "We sent a receipt with this code to an@example.vn." in receipt
    assert "working days left" in receipt and "Answer due by" in receipt
    assert f"{reverse('feedback:track')}?code={petition.code}" in receipt
    [message] = mail.outbox
    assert message.to == ["an@example.vn"]
    assert petition.code in message.subject and petition.code in message.body
    assert f"/feedback/track/?code={petition.code}" in message.body
    # The receipt belongs to the session that sent it.
    assert Client().get(reverse("feedback:sent")).status_code == 302


def test_a_citizen_finds_the_form_filled_from_the_account_and_picks_one_of_their_dossiers(world):
    citizen = world.citizen
    citizen.phone, citizen.address, citizen.email = "0987654321", "Số 5 đường Trần Hưng Đạo", "an@example.vn"
    citizen.save()
    mine, theirs = received(world.base), received(world.base, citizen=world.other_citizen)
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(citizen)
    form = page(client.get(URL))
    for prefilled in ('value="Nguyễn Văn An"', 'value="0987654321"', 'value="Số 5 đường Trần Hưng Đạo"',
                      'value="an@example.vn"'):
        assert prefilled in form, prefilled
    assert f'<option value="{mine.code}">' in form and theirs.code not in form
    response = client.post(URL, form_data(about="dossier", dossier_code=mine.code, name="Nguyễn Văn An",
                                          email=""))
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.citizen == citizen and petition.dossier == mine and petition.about == Petition.About.DOSSIER
    assert petition.email == "an@example.vn"  # left empty on the form: the account's
    # Someone else's dossier cannot be named by editing the form.
    refused = client.post(URL, form_data(about="dossier", dossier_code=theirs.code))
    assert refused.status_code == 400 and Petition.objects.count() == 1
    listed = page(client.get(reverse("feedback:mine")))
    assert petition.code in listed and "working days left" in listed


def test_the_dossiers_page_leads_to_the_form_with_the_dossier_chosen(world):
    mine, theirs = received(world.base), received(world.base, citizen=world.other_citizen)
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(world.citizen)
    dossier_page = page(client.get(reverse("dossiers:detail", kwargs={"uuid": mine.uuid})))
    assert f'<a href="{URL}?dossier={mine.code}">Send feedback or a petition about this dossier</a>' in dossier_page
    form = client.get(URL, {"dossier": mine.code.lower()}).context["form"]
    assert (form["about"].value(), form["dossier_code"].value()) == ("dossier", mine.code)
    assert f'<option value="{mine.code}" selected>' in str(form["dossier_code"])
    # Someone else's code is no choice of theirs: nothing is selected, the form checks what is sent.
    other = client.get(URL, {"dossier": theirs.code}).context["form"]
    assert "selected" not in str(other["dossier_code"]).replace('value="" selected', "")
    # What is not a code's character never reaches the page.
    visitor = Client()
    visitor.cookies["django_language"] = "en"
    typed = visitor.get(URL, {"dossier": '"><script>x</script>' + mine.code}).context["form"]
    assert typed["dossier_code"].value() == f"SCRIPTXSCRIPT{mine.code}"


def test_missing_contact_data_names_each_field_keeps_what_was_typed_and_saves_nothing(client, world):
    response = client.post(URL, form_data(name="", address="  ", phone="", title="Đường vào trung tâm ngập nước",
                                          content="Mưa là ngập, không vào nộp hồ sơ được."))
    assert response.status_code == 400
    text = page(response)
    assert "The petition was not sent" in text and "3 problems to correct" in text
    for message in ("Enter your full name (or your organisation's name).", "Enter your address.",
                    "Enter a phone number we can call you back on."):
        assert message in text, message
    assert 'value="Đường vào trung tâm ngập nước"' in text
    assert "Mưa là ngập, không vào nộp hồ sơ được." in text and 'value="an@example.vn"' in text
    assert not Petition.objects.exists()


def test_a_wrong_phone_number_and_a_petition_without_its_proposal_are_named(client, world):
    text = page(client.post(URL, form_data(phone="12345", kind="proposal", proposal="")))
    assert "12345 is not a Vietnamese phone number" in text
    assert "Write the solution you propose" in text
    assert not Petition.objects.exists()


def test_a_disguised_attachment_is_refused_and_the_files_must_be_chosen_again(client, world):
    fake = SimpleUploadedFile("bien-ban.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(URL, {**form_data(), "files": [fake]})
    assert response.status_code == 400
    text = page(response)
    assert "The file “bien-ban.pdf” for “Attachments” is not a PDF, JPEG or PNG file" in text
    assert "choose them again" in text and 'value="Cán bộ hẹn đi hẹn lại"' in text
    assert not Petition.objects.exists()


def test_an_oversize_attachment_is_refused(client, world, settings):
    settings.DOSSIER_FILE_MAX_MB = 1
    big = SimpleUploadedFile("anh.png", png_bytes() + b"\0" * (1024 * 1024), content_type="image/png")
    text = page(client.post(URL, {**form_data(), "files": [big]}))
    assert "The file “anh.png” for “Attachments” is larger than 1 MB." in text
    assert not Petition.objects.exists()


def test_photos_and_pdfs_are_attached_up_to_the_limit(client, world, settings):
    settings.FEEDBACK_MAX_FILES = 2
    files = [SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png"),
             SimpleUploadedFile("don.pdf", pdf_bytes(), content_type="application/pdf")]
    assert client.post(URL, {**form_data(), "files": files}).status_code == 302
    assert sorted(Petition.objects.get().files.values_list("original_name", flat=True)) == ["anh.png", "don.pdf"]
    three = [SimpleUploadedFile(f"anh{n}.png", png_bytes(), content_type="image/png") for n in range(3)]
    assert "Attach at most 2 files." in page(client.post(URL, {**form_data(), "files": three}))
    assert Petition.objects.count() == 1


def test_a_dossier_code_that_does_not_exist_is_named(client, world):
    response = client.post(URL, form_data(about="dossier", dossier_code="000.01.49.H49-250701-9999"))
    assert response.status_code == 400
    assert "There is no dossier with code 000.01.49.H49-250701-9999" in page(response)
    assert not Petition.objects.exists()


def test_a_visitor_names_a_dossier_by_its_code_and_only_the_chosen_subject_comes_along(client, world):
    dossier = received(world.base)
    response = client.post(URL, form_data(about="dossier", dossier_code=dossier.code.lower(),
                                          official_name="Lê Văn Cường", centre=str(world.provincial_centre.pk)))
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert petition.dossier == dossier and petition.official_name == "" and petition.centre == dossier.centre
    assert petition.agency == world.commune_agency  # where the dossier's current step is


def test_only_accepted_petitions_count_towards_the_limit_of_an_address(client, world, settings):
    settings.FEEDBACK_SUBMIT_RATE = "3/h"
    for _ in range(30):  # a shared connection's typos cost nothing
        assert client.post(URL, form_data(phone="")).status_code == 400
    for _ in range(3):
        assert client.post(URL, form_data()).status_code == 302
    limited = client.post(URL, form_data())
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 3600
    text = page(limited)
    assert "Too many petitions from your connection" in text and "Only petitions that were sent count" in text
    assert client.get(URL).status_code == 429  # said before anyone types a whole petition
    assert Petition.objects.count() == 3
    assert client.post(URL, form_data(), REMOTE_ADDR="203.0.113.9").status_code == 302
    vietnamese = Client().post(URL, form_data())
    assert vietnamese.status_code == 429 and "Vui lòng thử lại sau" in page(vietnamese)


def test_my_petitions_are_mine_only_newest_first_and_need_an_account(client, world):
    first = filed(world, citizen=world.citizen, title="Thứ nhất")
    second = filed(world, citizen=world.citizen, title="Thứ hai")
    other = filed(world, citizen=world.other_citizen, title="Của người khác")
    response = client.get(reverse("feedback:mine"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(world.citizen)
    text = page(client.get(reverse("feedback:mine")))
    assert "2 petitions" in text and text.index(second.code) < text.index(first.code)
    assert other.code not in text and "Của người khác" not in text
    assert "Received, being classified" in text and "working days left" in text
