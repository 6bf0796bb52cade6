"""What the applicant and the officials see: the payment panel on the dossier's page, the pay button, the
officer's request and refund, the electronic receipt (its text) and its public verification page."""

import subprocess

import pytest

from dossiers.models import Dossier, DossierEvent
from dossiers.services import dossier_refuse
from payments.models import Payment
from payments.receipt import amount_words
from payments.services import callback_receive, payment_request
from tests.dossiers.factories import submitted
from tests.payments.conftest import SECRET, ipn_fields
from tests.payments.helpers import draft, pending_payment

pytestmark = pytest.mark.django_db


def paid(dossier) -> Payment:
    payment, _outcome = callback_receive(source="ipn", fields=ipn_fields(pending_payment(dossier)), raw="{}",
                                         secret=SECRET)
    return payment


def test_the_applicant_sees_the_fee_lines_and_the_pay_button_on_a_draft(client, world):
    dossier = draft(world)
    client.force_login(world.citizen)
    page = client.get(f"/dossiers/{dossier.uuid}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Lệ phí đăng ký khai sinh" in page and "Phí cấp bản sao trích lục" in page
    assert "58.000" in page and f'action="/payments/dossiers/{dossier.uuid}/pay/"' in page


def test_the_pay_button_with_the_platform_down_says_so_on_the_dossier_page(client, world):
    dossier = draft(world)
    client.force_login(world.citizen)
    response = client.post(f"/payments/dossiers/{dossier.uuid}/pay/", follow=True)
    assert response.status_code == 200
    assert "chưa bị trừ tiền" in response.content.decode()
    assert Payment.objects.get().state == "failed"


def test_another_citizen_cannot_pay_or_see_the_panel(client, world):
    dossier = draft(world)
    client.force_login(world.other_citizen)
    assert client.post(f"/payments/dossiers/{dossier.uuid}/pay/").status_code == 404


def test_once_paid_the_applicant_sees_the_receipt_and_downloads_it(client, world, tmp_path):
    dossier = draft(world)
    payment = paid(dossier)
    client.force_login(world.citizen)
    page = client.get(f"/dossiers/{dossier.uuid}/").content.decode()
    assert payment.receipt_number in page and f"/payments/{payment.uuid}/receipt/" in page
    response = client.get(f"/payments/{payment.uuid}/receipt/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(b"".join(response.streaming_content))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("BIÊN LAI THU PHÍ, LỆ PHÍ", payment.receipt_number, "Nguyễn Văn An", "Lệ phí đăng ký khai sinh",
                     "Phí cấp bản sao trích lục", "Năm mươi tám nghìn đồng", "NTT0001", payment.order_id,
                     "Tổng cộng", "58.000"):
        assert expected in text, expected
    client.force_login(world.other_citizen)
    assert client.get(f"/payments/{payment.uuid}/receipt/").status_code == 404


def test_the_receipts_qr_opens_a_public_verification_page(client, world):
    payment = paid(draft(world))
    page = client.get(f"/payments/receipts/{payment.uuid}/", HTTP_ACCEPT_LANGUAGE="vi")
    assert page.status_code == 200
    text = page.content.decode()
    assert payment.receipt_number in text and "58.000" in text and "Nguyễn Văn An" not in text
    pending = pending_payment(draft(world))
    assert client.get(f"/payments/receipts/{pending.uuid}/").status_code == 404


@pytest.mark.parametrize(("amount", "words"), [
    (0, "Không đồng"), (50_000, "Năm mươi nghìn đồng"), (1_000_000, "Một triệu đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"), (2_500_000_000, "Hai tỷ năm trăm triệu đồng"),
    (123_456_789, "Một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín đồng"),
])
def test_amounts_in_words(amount, words):
    assert amount_words(amount) == words


def test_the_officer_asks_for_payment_from_the_dossier_page_and_the_applicant_then_may_pay(client, on_request_world):
    world = on_request_world
    dossier = submitted(world)
    client.force_login(world.citizen)
    assert "/pay/" not in client.get(f"/dossiers/{dossier.uuid}/").content.decode()
    client.force_login(world.officer)
    page = client.get(f"/dossiers/{dossier.uuid}/").content.decode()
    assert f"/payments/dossiers/{dossier.uuid}/request/" in page
    client.post(f"/payments/dossiers/{dossier.uuid}/request/")
    assert dossier.events.filter(kind=DossierEvent.Kind.PAYMENT_REQUESTED).count() == 1
    client.force_login(world.citizen)
    assert f"/payments/dossiers/{dossier.uuid}/pay/" in client.get(f"/dossiers/{dossier.uuid}/").content.decode()


def test_the_officer_sees_the_payment_and_records_a_refund_after_a_refusal(client, on_request_world):
    world = on_request_world
    dossier = submitted(world)
    payment_request(dossier=dossier, officer=world.officer)
    payment = paid(dossier)
    dossier_refuse(dossier=dossier, officer=world.officer, reason="Hồ sơ không thuộc thẩm quyền")
    client.force_login(world.officer)
    response = client.get(f"/dossiers/{dossier.uuid}/")
    page = response.content.decode()
    assert response.status_code == 200, page[:3000]
    assert payment.order_id in page and payment.receipt_number in page, page[page.find("<main"):][:6000]
    assert "phải hoàn trả phí, lệ phí" in page
    response = client.post(f"/payments/{payment.uuid}/refund/", {"reference": "\x00"}, follow=True)
    assert response.status_code in (200, 400)
    payment.refresh_from_db()
    assert payment.state == "paid"
    client.post(f"/payments/{payment.uuid}/refund/", {"reference": "FT26062012345"})
    payment.refresh_from_db()
    assert payment.state == "refunded" and payment.refund_reference == "FT26062012345"


def test_the_admin_lists_payments_and_their_callbacks_read_only(client, world):
    from tests.factories import UserFactory

    payment = paid(draft(world))
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    listing = client.get("/admin/payments/payment/")
    assert listing.status_code == 200 and payment.order_id in listing.content.decode()
    detail = client.get(f"/admin/payments/payment/{payment.pk}/change/")
    assert detail.status_code == 200 and "applied" in detail.content.decode()
    assert client.get("/admin/payments/paymentcallback/").status_code == 200


def test_submitting_the_new_form_unpaid_keeps_the_draft_and_opens_its_payment(client, world):
    """Nothing typed or attached is lost: the form is saved as a draft, and its page says to pay first."""
    from tests.dossiers.test_web_citizen import START, files_for, form_data

    client.force_login(world.citizen)
    response = client.post(START, {**form_data(world, action="submit"), **files_for(world)}, follow=True,
                           HTTP_ACCEPT_LANGUAGE="vi")
    dossier = Dossier.objects.get()
    assert (dossier.state, dossier.code) == ("draft", None) and dossier.files.filter(is_current=True).exists()
    assert response.redirect_chain[-1][0] == f"/dossiers/{dossier.uuid}/"
    page = " ".join(response.content.decode().split())
    assert "thanh toán trực tuyến trước khi nộp hồ sơ (58.000 đồng): hồ sơ của Ông/Bà đã được lưu nháp" in page
    assert f'action="/payments/dossiers/{dossier.uuid}/pay/"' in page
