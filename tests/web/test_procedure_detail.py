import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from hotlines.models import Hotline
from procedures.services import ComponentData, FeeData, FormFieldData, StepData
from tests.factories import AgencyFactory, ServiceCentreFactory
from tests.web.factories import birth_registration, province_with_hotline, publish

pytestmark = pytest.mark.django_db
URL = reverse("procedures:detail", args=["1.001193"])


@pytest.fixture
def centre():
    centre = ServiceCentreFactory(
        slug="ha-long", name="Trung tâm Phục vụ hành chính công phường Hạ Long", address="Số 2 đường Bến Đoan",
        opening_hours="Thứ Hai – Thứ Sáu: 07:30 – 17:00", phone="02033825111", email="hcc@halong.gov.vn",
    )
    Hotline.objects.create(number="0912345678", label="Đường dây nóng trung tâm", centre=centre)
    Hotline.objects.create(number="0987654321", label="Số đã ngừng", centre=centre, is_active=False)
    return centre


def test_shows_everything_a_citizen_needs(client, centre):
    examiner = AgencyFactory(code="H22.40", name="Sở Tư pháp")
    birth_registration(
        centres=(centre,), cutoff_hour=dt.time(15, 30), processing_time=Decimal("5"),
        agency=AgencyFactory(name="Ủy ban nhân dân phường Hạ Long"),
        steps=(
            StepData(name="Tiếp nhận hồ sơ", responsible_role="officer", duration=Decimal("0.5")),
            StepData(name="Thẩm định hồ sơ", responsible_role="specialist", duration=Decimal("3"),
                     responsible_agency=examiner),
            StepData(name="Ký kết quả", responsible_role="leader", duration=Decimal("1")),
        ),
    )
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "<h1>Birth registration</h1>", "1.001193", "Civil status", "Commune level", "Ủy ban nhân dân phường Hạ Long",
        "Birth certificate", "Luật Hộ tịch 2014<br>Nghị định 123/2015/NĐ-CP", "5 working days",
        "Dossiers received after 15:30 count from the next working day.", "Partial online service",
        "Online", "At the counter of a service centre",
        # components: originals, copies, mandatory or not
        "Birth registration form", "Birth certificate from the hospital", "1 original · 1 copy", "Power of attorney",
        "If applicable", "Mandatory",
        # the fee of 0 is free
        "Registration fee: <strong class=\"nowrap\">Free</strong>",
        # the centre with its address, hours, contacts and active hotlines only
        "Trung tâm Phục vụ hành chính công phường Hạ Long", "Số 2 đường Bến Đoan", "Thứ Hai – Thứ Sáu: 07:30 – 17:00",
        "02033825111", "hcc@halong.gov.vn", "0912 345 678",
        "Received regardless of the commune where you live",
    ):
        assert text in html, text
    assert "By post" not in html
    assert "0987 654 321" not in html
    # Steps in order, each with who does it (an agency, or the receiving centre) and how long.
    steps = html[html.index('<ol class="steps">'):]
    assert steps.index("Tiếp nhận hồ sơ") < steps.index("Thẩm định hồ sơ") < steps.index("Ký kết quả")
    assert "One-stop officer —\n      the receiving centre" in steps
    assert "Specialist —\n      Sở Tư pháp" in steps
    assert "0.5 working days" in steps
    assert "1 working day<" in steps


def test_vietnamese_page_shows_vietnamese_content_and_number_formats(vi_client, centre):
    birth_registration(centres=(centre,), fees=(FeeData(description="Lệ phí", amount=75000),))
    html = vi_client.get(URL).content.decode()
    for text in ("<h1>Đăng ký khai sinh</h1>", "Hộ tịch", "Giấy khai sinh", "Tờ khai đăng ký khai sinh theo mẫu",
                 "Giấy chứng sinh", "Tiếp nhận, kiểm tra hồ sơ", "Lệ phí: "):
        assert text in html, text
    assert "Birth registration" not in html
    with translation.override("vi"):
        assert ngettext("%(n)s working day", "%(n)s working days", 2) % {"n": "0,5"} in html  # decimal comma
        assert gettext("%(amount)s VND") % {"amount": "75.000"} in html  # thousands dot
        assert gettext("Required documents") in html and gettext("Internal process") in html


def test_fees_are_grouped_by_the_language_and_free_when_there_are_none(client):
    publish(
        "2.000528", "Cấp giấy phép xây dựng",
        fees=(FeeData(description="Lệ phí cấp phép", amount=75000), FeeData(description="Phí thẩm định", amount=1250000)),
    )
    url = reverse("procedures:detail", args=["2.000528"])
    html = client.get(url).content.decode()
    assert "75,000 VND" in html and "1,250,000 VND" in html

    publish("1.000894", "Đăng ký kết hôn", fees=())
    html = client.get(reverse("procedures:detail", args=["1.000894"])).content.decode()
    assert "Fees and charges</dt>\n        <dd><strong>Free</strong>" in html


def test_without_centres_or_regardless_rule_says_so(client):
    publish("1.000894", "Đăng ký kết hôn", regardless_of_residence=False, components=(ComponentData(name="Tờ khai"),))
    html = client.get(reverse("procedures:detail", args=["1.000894"])).content.decode()
    assert "No receiving centre has been published for this procedure yet." in html
    assert "Received regardless of the commune" not in html


def test_english_uses_english_content(client, centre):
    birth_registration(centres=(centre,))
    html = client.get(URL).content.decode()
    for text in ("<h1>Birth registration</h1>", "Birth certificate", "Birth registration form",
                 "Receive and check the dossier", "Civil status", "Registration fee"):
        assert text in html, text


def test_unknown_code_is_a_friendly_404(client):
    birth_registration()
    response = client.get(reverse("procedures:detail", args=["9.999999"]))
    html = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in html
    assert "There is no procedure with code 9.999999 in force." in html
    assert 'name="q"' in html  # a search box to carry on


def test_a_procedure_not_yet_in_force_is_not_shown(client):
    publish("1.000894", "Đăng ký kết hôn", effective_from=dt.date(2099, 1, 1))
    assert client.get(reverse("procedures:detail", args=["1.000894"])).status_code == 404


def test_malformed_code_is_the_generic_404(client):
    response = client.get("/procedures/not-a-code/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_query_count_is_fixed_however_much_the_procedure_holds(client, django_assert_max_num_queries):
    province_with_hotline()
    centres = []
    for n in range(6):
        centre = ServiceCentreFactory()
        Hotline.objects.create(number=f"09123456{n:02d}", label="Đường dây nóng", centre=centre)
        centres.append(centre)
    agencies = [AgencyFactory() for _ in range(4)]
    birth_registration(
        centres=tuple(centres),
        components=tuple(ComponentData(name=f"Giấy tờ số {n}") for n in range(12)),
        steps=tuple(StepData(name=f"Bước {n}", responsible_role="specialist", duration=Decimal("0.5"),
                             responsible_agency=agencies[n % 4]) for n in range(6)),
        fees=tuple(FeeData(description=f"Phí {n}", amount=1000 * n) for n in range(4)),
        form_fields=tuple(FormFieldData(key=f"cau_{n}", label=f"Câu hỏi {n}") for n in range(10)),
    )
    # version, components, fees, e-form fields, steps (+agencies), centres, centre hotlines, province, province
    # hotlines
    with django_assert_max_num_queries(9):
        response = client.get(URL)
    html = response.content.decode()
    assert "Giấy tờ số 11" in html and "Bước 5" in html and "10 questions" in html
    # Beyond three centres the page lists them compactly (name and address) instead of full cards.
    assert "Received at 6 centres." in html
    assert html.count('<li><a href="/centres/centre-') == 6
    assert '<article class="centre' not in html
