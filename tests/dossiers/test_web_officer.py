"""The officials' pages: the desk, "my work", the search and the counter intake — who reaches them, what
they list, and in how many queries."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dossiers.models import Dossier, DossierEvent, DossierFile
from dossiers.services import dossier_create_at_counter, step_take
from tests.dossiers.factories import CCCD_B, pdf_upload, received, submitted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def walk_in(world, **applicant):
    return dossier_create_at_counter(officer=world.officer, version=world.version,
                                     applicant=world.applicant(**applicant), uploads=world.uploads())


# --- Who reaches the pages ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["desk", "work", "search", "counter"])
def test_anonymous_visitors_log_in_and_citizens_are_refused(world, name):
    url = reverse(f"dossiers:{name}")
    response = Client().get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert login(world.citizen).get(url).status_code == 403


@pytest.mark.parametrize("name", ["desk", "counter"])
def test_desk_and_counter_are_for_one_stop_officers(world, name):
    url = reverse(f"dossiers:{name}")
    assert login(world.specialist).get(url).status_code == 403
    assert login(world.officer).get(url).status_code == 200


# --- Desk -----------------------------------------------------------------------------------------

def test_desk_lists_the_centres_dossiers_awaiting_check_oldest_first(world):
    first = submitted(world, name="Trần Văn Bình")
    second = walk_in(world, name="Lê Thị Hoa")
    received(world, name="Đã Tiếp Nhận")
    submitted(world, centre=world.provincial_centre, name="Nộp Ở Tỉnh")

    response = login(world.officer).get(reverse("dossiers:desk"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 dossiers await the check." in html
    assert html.index("Trần Văn Bình") < html.index("Lê Thị Hoa")
    assert "Đã Tiếp Nhận" not in html and "Nộp Ở Tỉnh" not in html
    assert "Online" in html and "At the counter" in html
    assert reverse("dossiers:detail", kwargs={"uuid": first.uuid}) in html
    assert reverse("dossiers:detail", kwargs={"uuid": second.uuid}) in html


def test_desk_queries_do_not_grow_with_the_queue(world, django_assert_max_num_queries):
    client = login(world.officer)
    for _ in range(3):
        submitted(world)
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("dossiers:desk"))
    for _ in range(12):
        submitted(world)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("dossiers:desk"))
    assert "15 dossiers await the check." in response.content.decode()


# --- My work --------------------------------------------------------------------------------------

def test_work_lists_current_steps_of_my_agency_in_my_role(world):
    mine = received(world, name="Cho Chuyên Viên")
    step_take(dossier=mine, position=1, user=world.officer)
    from dossiers.services import step_complete

    step_complete(dossier=mine, position=1, user=world.officer)
    received(world, name="Còn Ở Một Cửa")

    specialist = login(world.specialist).get(reverse("dossiers:work")).content.decode()
    officer = login(world.officer).get(reverse("dossiers:work")).content.decode()

    assert "Cho Chuyên Viên" in specialist and "Còn Ở Một Cửa" not in specialist
    assert "1 step to handle." in specialist and "Nobody yet" in specialist
    assert "Còn Ở Một Cửa" in officer and "Cho Chuyên Viên" not in officer


def test_work_shows_who_has_taken_a_step_and_flags_overdue(world, django_assert_max_num_queries):
    dossier = received(world)
    step_take(dossier=dossier, position=1, user=world.officer)
    colleague = UserFactory(role="officer", agency=world.commune_agency, centre=world.centre, full_name="Đỗ Văn Hùng")
    dossier.steps.filter(position=1).update(due_at=timezone.now() - dt.timedelta(hours=1))

    client = login(colleague)
    with django_assert_max_num_queries(8):
        html = client.get(reverse("dossiers:work")).content.decode()

    assert "Lê Văn Cường" in html  # who took it
    assert "due--late" in html and "Overdue" in html


# --- Search ---------------------------------------------------------------------------------------

def test_search_by_name_without_diacritics_code_and_cccd(world):
    an = received(world, name="Nguyễn Văn An")
    received(world, name="Trần Thị Bích", cccd=CCCD_B)
    client = login(world.officer)

    by_name = client.get(reverse("dossiers:search"), {"q": "nguyen van an"}).content.decode()
    by_code = client.get(reverse("dossiers:search"), {"q": an.code}).content.decode()
    by_cccd = client.get(reverse("dossiers:search"), {"q": CCCD_B}).content.decode()

    assert "Nguyễn Văn An" in by_name and "Trần Thị Bích" not in by_name
    assert "1 dossier found." in by_code and an.code in by_code
    assert "Trần Thị Bích" in by_cccd and "Nguyễn Văn An" not in by_cccd


# "li" is also the start of "Linh", and still finds it; "ly" is not.
@pytest.mark.parametrize(("query", "finds_linh"), [
    ("ly", False), ("LÝ", False), ("li", True), ("Lí", True), ("nguyen thi ly", False), ("nguyễn thị lí", False),
    ("Nguyen Thi Li", False),
])
def test_search_by_name_treats_i_and_y_alike(world, query, finds_linh):
    received(world, name="Nguyễn Thị Lý")
    received(world, name="Phạm Thùy Linh")
    received(world, name="Trần Thị Bích", cccd=CCCD_B)
    html = login(world.officer).get(reverse("dossiers:search"), {"q": query}).content.decode()

    assert "Nguyễn Thị Lý" in html and "Trần Thị Bích" not in html
    assert ("Phạm Thùy Linh" in html) == finds_linh


def test_search_by_name_keeps_y_after_a_vowel_distinct(world):
    received(world, name="Lê Thị Thủy")
    received(world, name="Lê Thị Thủi")
    client = login(world.officer)

    thuy = client.get(reverse("dossiers:search"), {"q": "thuy"}).content.decode()

    assert "Lê Thị Thủy" in thuy and "Lê Thị Thủi" not in thuy
    assert "1 dossier found." in thuy


def test_search_filters_by_state_procedure_period_and_overdue(world):
    late = received(world, name="Trễ Hạn")
    Dossier.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(hours=2))
    submitted(world, name="Chờ Kiểm Tra")
    client = login(world.officer)
    url = reverse("dossiers:search")

    waiting = client.get(url, {"state": "submitted"}).content.decode()
    overdue = client.get(url, {"due": "overdue"}).content.decode()
    today = timezone.localdate().isoformat()
    period = client.get(url, {"received_from": today, "received_to": today}).content.decode()
    procedure = client.get(url, {"procedure": "1.001193"}).content.decode()
    bad = client.get(url, {"state": "nonsense"})

    assert "Chờ Kiểm Tra" in waiting and "Trễ Hạn" not in waiting
    assert "Trễ Hạn" in overdue and "Chờ Kiểm Tra" not in overdue and "Overdue" in overdue
    assert "Trễ Hạn" in period and "Chờ Kiểm Tra" not in period
    assert "2 dossiers found." in procedure
    assert bad.status_code == 200 and "This value is not valid and was ignored." in bad.content.decode()


def test_due_soon_means_by_the_close_of_the_next_working_day(world):
    vn = ZoneInfo("Asia/Ho_Chi_Minh")
    with time_machine.travel(dt.datetime(2026, 3, 9, 10, 0, tzinfo=vn), tick=False):  # a Monday
        tomorrow = received(world, name="Hạn Ngày Mai")
        Dossier.objects.filter(pk=tomorrow.pk).update(due_at=dt.datetime(2026, 3, 10, 17, 0, tzinfo=vn))
        received(world, name="Hạn Thứ Năm")  # three working days: Thursday 17:00
        page = login(world.officer).get(reverse("dossiers:search"), {"due": "soon"}).content.decode()
    assert "Hạn Ngày Mai" in page and "Hạn Thứ Năm" not in page
    assert "17:00 10/03/2026" in page and "Due soon" in page


def test_search_shows_only_what_the_official_may_see(world):
    received(world, name="Ở Hạ Long")
    submitted(world, centre=world.provincial_centre, name="Ở Tỉnh")

    html = login(world.provincial_officer).get(reverse("dossiers:search")).content.decode()

    assert "Ở Tỉnh" in html and "Ở Hạ Long" not in html


@pytest.mark.parametrize("count", [5, 30])
def test_search_queries_are_bounded(world, count, django_assert_num_queries):
    for index in range(count):
        (received if index % 2 else submitted)(world)
    client = login(world.officer)
    client.get(reverse("dossiers:search"))  # warm the calendar cache
    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get(reverse("dossiers:search"), {"q": "nguyen"})
    assert response.status_code == 200


SEARCH_QUERIES = 7  # session, user, the filter's procedures, count, page; the header and footer (2)


def test_search_paginates(world):
    for _ in range(27):
        submitted(world)
    client = login(world.officer)
    first = client.get(reverse("dossiers:search")).content.decode()
    second = client.get(reverse("dossiers:search"), {"page": 2}).content.decode()
    assert "27 dossiers found." in first and 'rel="next"' in first
    assert second.count('class="code"') == 2


# --- Counter intake -------------------------------------------------------------------------------

def test_counter_lists_procedures_the_centre_receives_and_searches_without_diacritics(world):
    client = login(world.officer)
    listing = client.get(reverse("dossiers:counter")).content.decode()
    found = client.get(reverse("dossiers:counter"), {"q": "khai sinh"}).content.decode()
    none = client.get(reverse("dossiers:counter"), {"q": "xay dung"}).content.decode()

    assert "Birth registration" in listing and "?procedure=1.001193" in listing
    assert "1 procedure found." in found
    assert "No procedure matches." in none


@pytest.mark.parametrize("query", ["khai sinh cho con", "dang ki khai sinh"])
def test_counter_search_skips_function_words_and_treats_i_and_y_alike(world, query):
    found = login(world.officer).get(reverse("dossiers:counter"), {"q": query}).content.decode()
    assert "1 procedure found." in found and "?procedure=1.001193" in found


def test_counter_files_a_walk_in_dossier_and_opens_it(world):
    client = login(world.officer)
    tokhai, chungsinh, _uyquyen = world.components
    url = reverse("dossiers:counter")
    form = client.get(url, {"procedure": "1.001193"}).content.decode()
    assert "Birth registration form" in form and f'name="component_{chungsinh.pk}"' in form

    response = client.post(url, {
        "procedure": "1.001193", "applicant_cccd": CCCD_B, "applicant_name": "Trần Thị Bích",
        "applicant_phone": "0987 654 321", "applicant_address": "Số 5, phố Hạ Long", "description": "Khai sinh cho con",
        f"component_{tokhai.pk}": pdf_upload("to-khai.pdf"), f"component_{chungsinh.pk}": pdf_upload(),
    })

    dossier = Dossier.objects.get(applicant_cccd=CCCD_B)
    assert response.status_code == 302
    assert response["Location"] == reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})
    assert dossier.state == Dossier.State.SUBMITTED and dossier.channel == Dossier.Channel.COUNTER
    assert dossier.applicant == world.other_citizen  # same CCCD: they follow it online
    assert DossierFile.objects.filter(dossier=dossier).count() == 2
    assert DossierEvent.objects.filter(dossier=dossier, kind="created_at_counter").exists()
    page = client.get(response["Location"]).content.decode()
    assert "The dossier of Trần Thị Bích was filed." in page


def test_counter_errors_keep_every_input(world):
    client = login(world.officer)
    response = client.post(reverse("dossiers:counter"), {
        "procedure": "1.001193", "applicant_cccd": "12345", "applicant_name": "Trần Thị Bích",
        "applicant_phone": "0987654321", "applicant_email": "bich@", "applicant_address": "Số 5, phố Hạ Long",
        "description": "Khai sinh cho con",
    })

    html = response.content.decode()
    assert response.status_code == 400
    assert "Please correct the applicant&#x27;s details." in html
    assert "Enter a valid email address." in html
    for value in ("12345", "Trần Thị Bích", "0987654321", "bich@", "Số 5, phố Hạ Long", "Khai sinh cho con"):
        assert value in html
    assert not Dossier.objects.exists()


def test_counter_refuses_a_procedure_the_centre_does_not_receive(world):
    world.version.centres.remove(world.centre)
    client = login(world.officer)
    response = client.get(reverse("dossiers:counter"), {"procedure": "1.001193"})
    html = response.content.decode()
    assert "Procedure 1.001193 is not received at your centre's counter" in html
    assert "0 procedures found." in html


def test_home_page_and_nav_link_officials_to_their_work(world):
    officer = login(world.officer).get(reverse("accounts:home")).content.decode()
    leader = login(world.leader).get(reverse("accounts:home")).content.decode()
    citizen = login(world.citizen).get(reverse("accounts:home")).content.decode()

    for name in ("desk", "counter", "work", "search"):
        assert f'href="{reverse(f"dossiers:{name}")}"' in officer
    assert f'href="{reverse("dossiers:work")}"' in leader and f'href="{reverse("dossiers:desk")}"' not in leader
    assert "/dossiers/work/" not in citizen and "/dossiers/desk/" not in citizen
