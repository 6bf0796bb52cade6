"""The officials' pages: the desk, "my work", the search and the counter intake — who reaches them, what
they list, and in how many queries."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dossiers.models import Dossier, DossierFile
from dossiers.services import (
    dossier_create_at_counter,
    dossier_request_supplement,
    dossier_supplement,
    step_return,
    step_take,
)
from tests.dossiers.factories import CCCD_A, CCCD_B, pdf_upload, received, result_ready, submitted
from tests.dossiers.test_slips import pdf_text
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def walk_in(world, *, await_check=False, **applicant):
    return dossier_create_at_counter(officer=world.officer, version=world.version,
                                     applicant=world.applicant(**applicant), uploads=world.uploads(),
                                     await_check=await_check)


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

def tab_counts(html: str) -> dict[str, int]:
    """The desk's queue tabs as the officer reads them: label -> count."""
    return {label.strip(): int(count) for label, count in re.findall(
        r'<a href="\?queue=\w+"[^>]*>([^<]+)<span class="count[^"]*">(\d+)</span>', html)}


def supplemented(world, **applicant):
    """Asked for a supplement at the check, answered online: back on the desk."""
    dossier = submitted(world, **applicant)
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Ảnh mờ", items=["Giấy chứng sinh"])
    return dossier_supplement(dossier=dossier, user=world.citizen, note="Đã chụp lại")


@pytest.fixture
def desk_world(world):
    """One dossier in each queue of the Hạ Long desk, and some in none."""
    return {
        "online": submitted(world, name="Trần Văn Bình"),
        "walk_in": walk_in(world, name="Lê Thị Hoa", await_check=True),
        "back": supplemented(world, name="Đỗ Văn Bổ"),
        "received": received(world, name="Đã Tiếp Nhận"),
        "ready": result_ready(world, name="Có Kết Quả"),
        "elsewhere": submitted(world, centre=world.provincial_centre, name="Nộp Ở Tỉnh"),
    }


def test_desk_tabs_count_each_queue(world, desk_world):
    html = login(world.officer).get(reverse("dossiers:desk")).content.decode()
    # mine: the walk-in I filed, the dossier I received, the one I received whose result is ready
    assert tab_counts(html) == {"Awaiting check": 2, "Back from supplement": 1, "Result to return": 1, "Mine": 3}
    assert 'href="?queue=check" aria-current="page"' in html


def test_awaiting_check_lists_new_submissions_and_walk_ins_oldest_first(world, desk_world):
    response = login(world.officer).get(reverse("dossiers:desk"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 dossiers await the check." in html
    assert html.index("Trần Văn Bình") < html.index("Lê Thị Hoa")
    for elsewhere in ("Đỗ Văn Bổ", "Đã Tiếp Nhận", "Có Kết Quả", "Nộp Ở Tỉnh"):
        assert elsewhere not in html
    assert "Online" in html and "At the counter" in html
    assert desk_world["online"].code in html  # the code it got at submission
    for key in ("online", "walk_in"):
        assert reverse("dossiers:detail", kwargs={"uuid": desk_world[key].uuid}) in html


def test_supplemented_dossiers_come_back_badged(world, desk_world):
    html = login(world.officer).get(reverse("dossiers:desk"), {"queue": "supplemented"}).content.decode()
    back = Dossier.objects.get(pk=desk_world["back"].pk)
    answered = back.events.get(kind="supplemented").at
    assert "1 supplemented dossier awaits a new check." in html
    assert "Đỗ Văn Bổ" in html and "Trần Văn Bình" not in html and "Lê Thị Hoa" not in html
    assert '<span class="badge badge--supplemented">Supplemented</span>' in html
    assert timezone.localtime(answered).strftime("%-d %b %Y, %H:%M") in html
    assert "Check again" in html


def test_results_to_return_and_my_dossiers(world, desk_world):
    client = login(world.officer)
    results = client.get(reverse("dossiers:desk"), {"queue": "result"}).content.decode()
    mine = client.get(reverse("dossiers:desk"), {"queue": "mine"}).content.decode()

    assert "1 result awaits its return to the applicant." in results
    assert "Có Kết Quả" in results and "Return the result" in results and "Đã Tiếp Nhận" not in results
    assert "3 dossiers you received or are handling are still open." in mine
    for name in ("Lê Thị Hoa", "Đã Tiếp Nhận", "Có Kết Quả"):
        assert name in mine
    for name in ("Trần Văn Bình", "Đỗ Văn Bổ", "Nộp Ở Tỉnh"):
        assert name not in mine
    # Another officer of the centre has the same queues to check, but none of these is theirs.
    colleague = UserFactory(role="officer", agency=world.commune_agency, centre=world.centre)
    theirs = tab_counts(login(colleague).get(reverse("dossiers:desk")).content.decode())
    assert theirs == {"Awaiting check": 2, "Back from supplement": 1, "Result to return": 1, "Mine": 0}


def test_desk_search_narrows_the_queue_and_pages_keep_it(world):
    for index in range(27):
        submitted(world, name="Nguyễn Văn An" if index % 2 else "Trần Thị Bích", cccd=CCCD_A if index % 2 else CCCD_B)
    client = login(world.officer)

    found = client.get(reverse("dossiers:desk"), {"queue": "check", "q": "tran thi bich"}).content.decode()
    assert "14 dossiers of this queue match." in found and "Nguyễn Văn An" not in found
    assert tab_counts(found)["Awaiting check"] == 27  # the tabs count the whole queue
    first = client.get(reverse("dossiers:desk"), {"queue": "check"}).content.decode()
    assert 'href="?queue=check&amp;page=2"' in first
    second = client.get(reverse("dossiers:desk"), {"queue": "check", "page": 2}).content.decode()
    assert second.count('class="code"') == 2
    unknown = client.get(reverse("dossiers:desk"), {"queue": "nonsense", "q": "x" * 500})
    assert unknown.status_code == 200 and "27 dossiers await the check." in unknown.content.decode()


def test_desk_queries_do_not_grow_with_the_queues(world, django_assert_max_num_queries):
    client = login(world.officer)
    for _ in range(3):
        supplemented(world)
        received(world)
    client.get(reverse("dossiers:desk"))  # warm the calendar cache
    with django_assert_max_num_queries(9) as few:
        client.get(reverse("dossiers:desk"), {"queue": "supplemented"})
    for _ in range(12):
        supplemented(world)
        received(world)
    for queue in ("check", "supplemented", "result", "mine"):
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(reverse("dossiers:desk"), {"queue": queue})
        assert response.status_code == 200
    assert "15 supplemented dossiers await a new check." in client.get(
        reverse("dossiers:desk"), {"queue": "supplemented"}).content.decode()


# --- My work --------------------------------------------------------------------------------------

def test_work_lists_current_steps_of_my_agency_in_my_role(world):
    received(world, name="Cho Chuyên Viên")  # receipt did the centre's step: it is with the specialist
    back = received(world, name="Còn Ở Một Cửa")
    step_return(dossier=back, position=2, user=world.specialist, note="Thiếu bản sao")  # back at the centre

    specialist = login(world.specialist).get(reverse("dossiers:work")).content.decode()
    officer = login(world.officer).get(reverse("dossiers:work")).content.decode()

    assert "Cho Chuyên Viên" in specialist and "Còn Ở Một Cửa" not in specialist
    assert "1 step to handle." in specialist and "Nobody yet" in specialist
    assert "Còn Ở Một Cửa" in officer and "Cho Chuyên Viên" not in officer


def test_work_shows_who_has_taken_a_step_and_flags_overdue(world, django_assert_max_num_queries):
    dossier = received(world)
    step_take(dossier=dossier, position=2, user=world.specialist)
    colleague = UserFactory(role="specialist", agency=world.commune_agency, full_name="Đỗ Văn Hùng")
    dossier.steps.filter(position=2).update(due_at=timezone.now() - dt.timedelta(hours=1))

    client = login(colleague)
    with django_assert_max_num_queries(8):
        html = client.get(reverse("dossiers:work")).content.decode()

    assert "Phạm Thị Dung" in html  # who took it
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
    assert "10 Mar 2026, 17:00" in page and "Due soon" in page


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


def test_counter_files_and_receives_a_walk_in_dossier_with_its_slip_ready(world):
    client = login(world.officer)
    tokhai, chungsinh, _uyquyen = world.components
    url = reverse("dossiers:counter")
    form = client.get(url, {"procedure": "1.001193"}).content.decode()
    assert "Birth registration form" in form and f'name="component_{chungsinh.pk}"' in form
    assert 'value="receive">Receive the dossier</button>' in form
    assert 'value="await_check">Not complete: awaiting the check</button>' in form

    response = client.post(url, {
        "procedure": "1.001193", "applicant_cccd": CCCD_B, "applicant_name": "Trần Thị Bích",
        "applicant_phone": "0987 654 321", "applicant_address": "Số 5, phố Hạ Long", "description": "Khai sinh cho con",
        f"component_{tokhai.pk}": pdf_upload("to-khai.pdf"), f"component_{chungsinh.pk}": pdf_upload(),
        "action": "receive",
    })

    dossier = Dossier.objects.get(applicant_cccd=CCCD_B)
    assert response.status_code == 302
    assert response["Location"] == reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})
    assert dossier.state == Dossier.State.RECEIVED and dossier.channel == Dossier.Channel.COUNTER
    assert dossier.code.startswith(f"{world.commune_agency.code}-") and dossier.due_at
    assert (dossier.received_by, dossier.received_at) == (world.officer, dossier.submitted_at)
    assert dossier.applicant == world.other_citizen  # same CCCD: they follow it online
    assert DossierFile.objects.filter(dossier=dossier).count() == 2
    assert list(dossier.events.order_by("id").values_list("kind", flat=True)) == [
        "created_at_counter", "received", "step_completed"]
    assert list(dossier.steps.order_by("position").values_list("state", flat=True)) == [
        "done", "active", "waiting", "waiting"]
    page = client.get(response["Location"]).content.decode()
    assert f"The dossier of Trần Thị Bích was received with the code {dossier.code}." in page
    slip = reverse("dossiers:slip", kwargs={"uuid": dossier.uuid, "form": "01"})
    assert f'<a class="button" href="{slip}">Print the receipt and appointment slip (form 01)</a>' in page
    receipt = client.get(slip)
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert dossier.code in pdf_text(b"".join(receipt.streaming_content))


def test_counter_may_leave_an_incomplete_dossier_awaiting_the_check(world):
    client = login(world.officer)
    tokhai = world.components[0]
    data = {"procedure": "1.001193", "applicant_cccd": CCCD_B, "applicant_name": "Trần Thị Bích",
            f"component_{tokhai.pk}": pdf_upload("to-khai.pdf")}  # the birth notice is missing

    refused = client.post(reverse("dossiers:counter"), {**data, "action": "receive"})
    html = refused.content.decode()
    assert refused.status_code == 400 and not Dossier.objects.exists()
    assert "Scan every mandatory paper to receive the dossier now" in html and "Medical birth notice" in html

    data[f"component_{tokhai.pk}"] = pdf_upload("to-khai.pdf")
    response = client.post(reverse("dossiers:counter"), {**data, "action": "await_check"})
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert (dossier.state, dossier.received_at, dossier.steps.count()) == (Dossier.State.SUBMITTED, None, 0)
    assert dossier.code.startswith(f"{world.commune_agency.code}-")
    page = client.get(response["Location"]).content.decode()
    assert f"was filed with the code {dossier.code}. It awaits the completeness check on the desk." in page
    assert dossier.applicant_name in client.get(reverse("dossiers:desk")).content.decode()


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
