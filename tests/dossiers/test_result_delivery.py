"""The result's way to the applicant: the electronic result received online by a deliberate, confirmed act
(never by opening the file), the paper original handed over at the centre or sent by post, and the dossier
closed (returned) only when the delivery it owes is recorded."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from dossiers.models import Dossier, DossierEvent, ResultDelivery
from dossiers.services import result_hand_over, result_receive_online
from dossiers.slips.book import book_rows
from outbox.models import OutboxMessage
from portal.dates import date_text, datetime_text
from procedures.models import ProcedureVersion
from tests.dossiers.api_helpers import error, send
from tests.dossiers.factories import received, result_ready
from tests.factories import AgencyFactory, ServiceCentreFactory, UserFactory

pytestmark = pytest.mark.django_db


def login(user, lang="en") -> Client:
    client = Client()
    client.cookies["django_language"] = lang
    client.force_login(user)
    return client


def at(name, dossier, **kwargs) -> str:
    return reverse(f"dossiers:{name}", kwargs={"uuid": dossier.uuid, **kwargs})


def text_of(response) -> str:
    return response.content.decode()


def act(client, dossier, action, data=None, *, follow=False):
    return client.post(at("act", dossier, action=action), data or {}, follow=follow)


def in_english(write, moment) -> str:
    with translation.override("en"):
        return write(moment)


def electronic_only(world):
    ProcedureVersion.objects.filter(pk=world.version.pk).update(issues_paper_original=False)


def outbox_states(dossier) -> list[tuple[str, str]]:
    messages = OutboxMessage.objects.filter(subject=str(dossier.uuid)).order_by("sequence")
    return [(m.payload["kind"], m.payload["state"]) for m in messages]


def test_paper_result_received_online_then_handed_over_at_the_counter(world):
    dossier = result_ready(world)
    citizen = login(world.citizen)
    html = text_of(citizen.get(at("detail", dossier)))
    assert "Your result is ready" in html and "Receive the electronic result" in html
    assert "Collect the paper original at" in html and at("result", dossier) not in html

    unconfirmed = citizen.post(at("collect", dossier))
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm that you receive the electronic result." in text_of(unconfirmed)
    assert not dossier.deliveries.exists()

    response = citizen.post(at("collect", dossier), {"confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == at("result_view", dossier)
    assert "The paper original is still to be collected at the centre or received by post." in text_of(response)
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.RESULT_READY and dossier.closed_at is None
    electronic = dossier.deliveries.get()
    assert (electronic.kind, electronic.by, electronic.recipient_name) == ("electronic", world.citizen,
                                                                           "Nguyễn Văn An")
    html = text_of(citizen.get(at("detail", dossier)))
    received_at = in_english(datetime_text, electronic.at)
    assert f"You received the electronic result on {received_at}." in html and at("result", dossier) in html
    assert "Receive the electronic result" not in html

    officer = login(world.officer)
    html = text_of(officer.get(at("detail", dossier)))
    assert f"Received online by the applicant on {received_at}" in html and "To hand over at the counter" in html
    assert 'value="022090012345"' in html and "Hand over the paper original at the counter" in html
    response = act(officer, dossier, "return", {"return-recipient_name": "Trần Văn Bình",
                                                "return-recipient_id": "001 090 000 111",
                                                "return-note": "Nhận thay theo giấy ủy quyền"}, follow=True)
    assert f"The result of dossier {dossier.code} was handed over; the dossier is closed." in text_of(response)
    dossier.refresh_from_db()
    paper = dossier.deliveries.get(kind="paper_counter")
    assert dossier.state == Dossier.State.RETURNED and dossier.closed_at == paper.at
    assert (paper.recipient_name, paper.recipient_id, paper.by) == ("Trần Văn Bình", "001090000111", world.officer)
    handed = in_english(datetime_text, paper.at)
    html = text_of(officer.get(at("detail", dossier)))
    assert f"Handed over on {handed} to Trần Văn Bình (identity document 001090000111)" in html
    html = text_of(citizen.get(at("detail", dossier)))
    assert f"Handed over at the centre on {handed} to Trần Văn Bình." in html and "Send my rating" in html
    assert f"Result returned on</dt><dd>{handed}</dd>" in html

    # The tracking book and the public lookup date the return at the closing.
    [row] = book_rows(centre=world.centre, start=timezone.localdate(), end=timezone.localdate())
    assert row.returned_at == dossier.closed_at
    body = Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/v1/dossiers/lookup/", {"code": dossier.code}).json()
    assert dt.datetime.fromisoformat(body["returned_at"].replace("Z", "+00:00")) == dossier.closed_at
    # The NPSP hears the electronic delivery while the dossier stays open, then its return.
    assert outbox_states(dossier)[-2:] == [("result_delivered", "result_ready"), ("returned", "returned")]


def test_an_electronic_only_result_closes_when_received_online(world):
    electronic_only(world)
    dossier = result_ready(world)
    citizen = login(world.citizen)
    html = text_of(citizen.get(at("detail", dossier)))
    assert "This procedure issues its result electronically only: there is no paper original to collect." in html
    assert at("paper_delivery", dossier) not in html
    response = citizen.post(at("collect", dossier), {"confirm": "on"}, follow=True)
    assert "You have received the electronic result; your dossier is complete." in text_of(response)
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.RETURNED and dossier.closed_at == dossier.deliveries.get().at
    event = dossier.events.get(kind=DossierEvent.Kind.RETURNED)
    assert (event.actor, event.data) == (world.citizen, {"channel": "online", "delivery": "electronic"})
    assert outbox_states(dossier)[-1] == ("returned", "returned")
    officer_html = text_of(login(world.officer).get(at("detail", dossier)))
    assert "None: this procedure issues its result electronically only" in officer_html
    assert "/act/post_result/" not in officer_html and "/act/return/" not in officer_html


def test_an_applicant_without_an_account_gets_an_electronic_only_result_at_the_counter(world):
    electronic_only(world)
    dossier = result_ready(world)
    Dossier.objects.filter(pk=dossier.pk).update(applicant=None)
    officer = login(world.officer)
    html = text_of(officer.get(at("detail", dossier)))
    assert "The applicant has no account: hand the result over at the counter" in html
    assert "Hand over the result at the counter" in html
    act(officer, dossier, "return", {"return-recipient_name": "", "return-recipient_id": ""})
    dossier.refresh_from_db()
    delivery = dossier.deliveries.get()
    assert dossier.state == Dossier.State.RETURNED
    assert (delivery.kind, delivery.recipient_name, delivery.recipient_id) == ("paper_counter", "Nguyễn Văn An",
                                                                               "022090012345")


def test_opening_the_result_records_nothing(world):
    dossier = result_ready(world)
    citizen = login(world.citizen)
    for name in ("result", "result_view"):
        response = citizen.get(at(name, dossier))
        assert response.status_code == 404
        assert "Receive the electronic result on your dossier&#x27;s page first" in text_of(response)
    for official in (world.officer, world.leader):
        assert login(official).get(at("result", dossier)).status_code == 200
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.RESULT_READY and not dossier.deliveries.exists()
    assert not dossier.events.filter(kind__in=["returned", "result_delivered"]).exists()
    body = login(world.citizen).get(f"/api/v1/dossiers/{dossier.uuid}/").json()
    assert body["result_url"] is None and "return" in body["actions"]
    result_receive_online(dossier=dossier, citizen=world.citizen)
    assert citizen.get(at("result", dossier)).status_code == 200
    assert dossier.deliveries.count() == 1  # reading it again adds nothing


def test_the_paper_original_by_post(world):
    dossier = result_ready(world)
    citizen = login(world.citizen)
    empty = citizen.post(at("paper_delivery", dossier), {"method": "post", "address": "  "})
    assert empty.status_code == 400 and "Enter the postal address the paper original is sent to." in text_of(empty)
    bad = citizen.post(at("paper_delivery", dossier), {"method": "drone"})
    assert bad.status_code == 400
    assert "Choose whether to collect the paper original at the centre or receive it by post." in text_of(bad)
    response = citizen.post(at("paper_delivery", dossier), {"method": "post", "address": "Số 5, phố Cột Đồng Hồ, "
                                                            "phường Hạ Long"}, follow=True)
    assert "The centre will send the paper original by post to: Số 5, phố Cột Đồng Hồ, phường Hạ Long." in text_of(
        response)
    dossier.refresh_from_db()
    assert (dossier.paper_delivery, dossier.state) == ("post", Dossier.State.RESULT_READY)
    assert dossier.events.get(kind=DossierEvent.Kind.DELIVERY_CHOSEN).data == {"method": "post"}

    officer = login(world.officer)
    html = text_of(officer.get(at("detail", dossier)))
    assert "To send by post: the applicant asked for it at Số 5, phố Cột Đồng Hồ, phường Hạ Long" in html
    assert 'value="Số 5, phố Cột Đồng Hồ, phường Hạ Long"' in html
    assert '<details class="action" open id="action-post_result">' in html  # the applicant's choice, unfolded
    response = act(officer, dossier, "post_result", {"post_result-address": "Số 5, phố Cột Đồng Hồ, phường Hạ Long",
                                                     "post_result-note": "Số hiệu bưu gửi EI123456789VN"}, follow=True)
    assert f"The posting of the result of dossier {dossier.code} was recorded; the dossier is closed." in text_of(
        response)
    dossier.refresh_from_db()
    posted = dossier.deliveries.get()
    assert dossier.state == Dossier.State.RETURNED and posted.kind == "paper_post"
    assert posted.note == "Số hiệu bưu gửi EI123456789VN"
    html = text_of(citizen.get(at("detail", dossier)))
    assert f"Sent by post on {in_english(date_text, posted.at)} to Số 5, phố Cột Đồng Hồ, phường Hạ Long." in html
    assert "EI123456789VN" in html
    # The electronic result can still be received afterwards; it changes nothing else.
    result_receive_online(dossier=dossier, citizen=world.citizen)
    dossier.refresh_from_db()
    assert dossier.state == Dossier.State.RETURNED and dossier.deliveries.count() == 2


def test_who_may_record_which_delivery(world):
    dossier = result_ready(world)
    stranger_centre = ServiceCentreFactory(slug="khac", agency=AgencyFactory(code="000.02.49.H49"))
    stranger = UserFactory(username="motcua.khac", role="officer", agency=stranger_centre.agency,
                           centre=stranger_centre)
    assert error(send(world.specialist, dossier, "return")) == (403, "dossier.forbidden")
    assert error(send(stranger, dossier, "return")) == (404, "dossier.not_found")
    assert error(send(world.other_citizen, dossier, "return")) == (404, "dossier.not_found")
    assert error(send(world.citizen, dossier, "post-result", {"address": "x"})) == (403, "dossier.forbidden")
    assert error(send(world.officer, dossier, "paper-delivery", {"method": "counter"})) == (403, "dossier.forbidden")
    other = login(world.other_citizen)
    assert other.post(at("collect", dossier), {"confirm": "on"}).status_code == 404
    assert other.post(at("paper_delivery", dossier), {"method": "counter"}).status_code == 404
    bad_id = send(world.officer, dossier, "return", {"recipient_id": "abc"})
    assert error(bad_id) == (400, "dossier.invalid")
    assert list(bad_id.json()["extra"]["errors"]) == ["recipient_id"]
    long_address = send(world.officer, dossier, "post-result", {"address": "x" * 300})
    assert error(long_address) == (400, "dossier.invalid")
    assert not dossier.deliveries.exists()

    electronic_only(world)
    assert error(send(world.officer, dossier, "post-result", {"address": "Hạ Long"})) == (
        400, "dossier.no_paper_original")
    result_hand_over(dossier=dossier, officer=world.officer)
    assert error(send(world.officer, dossier, "return")) == (409, "dossier.bad_state")
    assert ResultDelivery.objects.filter(dossier=dossier).count() == 1


def test_delivery_messages_in_vietnamese(world):
    dossier = result_ready(world)
    citizen = login(world.citizen, lang="vi")
    html = text_of(citizen.get(at("detail", dossier)))
    assert "Nhận kết quả điện tử" in html and "Bản chính bằng giấy" in html
    assert "Tôi xác nhận đã nhận kết quả điện tử của hồ sơ này trên tài khoản của mình." in html
    unconfirmed = citizen.post(at("collect", dossier))
    assert "Đánh dấu vào ô để xác nhận bạn nhận kết quả điện tử." in text_of(unconfirmed)
    refused = send(world.officer, dossier, "return", {"recipient_id": "??"}, lang="vi")
    assert refused.json()["message"] == ("Nhập số giấy tờ tùy thân người nhận đã xuất trình (từ 6 đến 20 chữ cái "
                                         "và chữ số).")
    officer_html = text_of(login(world.officer, lang="vi").get(at("detail", dossier)))
    assert "Trả bản chính kết quả tại quầy" in officer_html and "Chờ trả tại quầy" in officer_html
    result_receive_online(dossier=dossier, citizen=world.citizen)
    again = send(world.citizen, dossier, "return", lang="vi")
    assert error(again) == (409, "dossier.already_received")
    assert again.json()["message"].startswith(f"Bạn đã nhận kết quả điện tử của hồ sơ {dossier.code} lúc ")


def test_the_citizens_list_says_what_to_do_with_a_result(world):
    ready = result_ready(world)
    citizen = login(world.citizen)
    html = text_of(citizen.get(reverse("dossiers:mine")))
    assert "Receive the result" in html
    result_receive_online(dossier=ready, citizen=world.citizen)
    html = text_of(citizen.get(reverse("dossiers:mine")))
    assert "Collect the paper original" in html and "Receive the result" not in html


def test_the_control_slip_names_each_hand_over(world):
    from dossiers.slips import slip_pdf
    from tests.dossiers.test_slips import fresh, pdf_text

    dossier = result_ready(world)
    result_receive_online(dossier=dossier, citizen=world.citizen)
    result_hand_over(dossier=dossier, officer=world.officer, recipient_name="Trần Văn Bình",
                     recipient_id="001090000111")
    text = pdf_text(slip_pdf(fresh(world, dossier), "06"))
    assert "Trả kết quả cho người nộp hồ sơ (kết quả điện tử, nhận trực tuyến)" in text
    assert "Trả kết quả cho người nộp hồ sơ (tại Bộ phận Một cửa)" in text and "Trần Văn Bình" in text


def test_received_dossiers_offer_no_delivery(world):
    dossier = received(world)
    assert error(send(world.citizen, dossier, "return")) == (409, "dossier.bad_state")
    assert error(send(world.officer, dossier, "post-result", {"address": "Hạ Long"})) == (409, "dossier.bad_state")
    html = text_of(login(world.citizen).get(at("detail", dossier)))
    assert "Receive the electronic result" not in html and "Paper original" not in html


def test_the_result_ready_email_says_how_to_receive_it(world):
    from django.core import mail

    from dossiers.notifications import event_notify

    dossier = result_ready(world)
    assert event_notify(event=dossier.events.get(kind=DossierEvent.Kind.RESULT_READY))
    body = mail.outbox[-1].body
    assert "Đăng nhập Cổng dịch vụ công và nhận kết quả điện tử tại trang hồ sơ." in body
    assert "Bản chính kết quả được trả tại Trung tâm Phục vụ hành chính công phường Hạ Long" in body


def test_the_migration_gives_results_returned_before_it_their_delivery(world):
    import importlib

    from django.apps import apps

    from dossiers.models import DossierStep

    migration = importlib.import_module("dossiers.migrations.0008_result_drafts_and_deliveries")
    counter, online = result_ready(world), result_ready(world)
    result_hand_over(dossier=counter, officer=world.officer)
    electronic_only(world)
    result_receive_online(dossier=online, citizen=world.citizen)
    ResultDelivery.objects.all().delete()  # as before the migration
    DossierStep.objects.update(drafts_result=False)
    migration.forwards(apps, None)
    assert list(counter.deliveries.values_list("kind", "recipient_name")) == [("paper_counter", "Nguyễn Văn An")]
    assert list(online.deliveries.values_list("kind", "by")) == [("electronic", world.citizen.pk)]
    assert set(DossierStep.objects.filter(drafts_result=True).values_list("position", flat=True)) == {2}
