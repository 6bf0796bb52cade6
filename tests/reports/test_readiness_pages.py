"""The readiness board's pages as their users meet them: who may open what, what the province's page and a
commune's page say, the manual items confirmed with a note, and a bounded number of queries whatever the
number of communes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from hotlines.models import Hotline
from reports.errors import ReadinessForbidden, ReadinessInvalid
from reports.readiness.models import ManualCheck, ManualCheckChange
from reports.readiness.services import manual_check_set
from tests.factories import UserFactory
from tests.reports.readiness_world import world_make

pytestmark = pytest.mark.django_db
BOARD = reverse("reports:readiness")


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SIGNATURES_KEY_BITS = 2048


@pytest.fixture
def world():
    world = world_make()
    world.commune_ready("Phường Bãi Cháy")
    world.commune("Xã Vĩnh Thực")
    return world


def unit_url(unit) -> str:
    return reverse("reports:readiness_unit", args=[unit.code])


def as_user(client, user):
    client.force_login(user)
    return client


def test_the_province_page_lists_every_commune_with_its_state_and_what_is_missing(client, world):
    html = as_user(client, world.admin).get(BOARD).content.decode()
    assert "Bảng theo dõi mức độ sẵn sàng vận hành" in html
    ready, bare = world.communes
    assert unit_url(ready.unit) in html and unit_url(bare.unit) in html
    assert "Phường Bãi Cháy" in html and "Xã Vĩnh Thực" in html
    # The ready ward lacks only its two confirmations; the bare commune lacks its staff, among others.
    assert html.count("Chưa đạt") >= 3 and "Tài khoản cán bộ, công chức theo từng vai trò" in html
    assert "9 đã đạt" in html
    assert unit_url(world.province) in html  # the province's own page

    only_red = client.get(BOARD, {"state": "green"}).content.decode()
    assert "Không có đơn vị cấp xã nào phù hợp." in only_red
    found = client.get(BOARD, {"q": "vinh thuc"}).content.decode()
    assert unit_url(bare.unit) in found and unit_url(ready.unit) not in found


def test_a_commune_page_says_what_is_missing_with_links_to_where_it_is_fixed(client, world):
    bare = world.communes[1]
    html = as_user(client, world.admin).get(unit_url(bare.unit)).content.decode()
    assert "Nội dung còn thiếu" in html
    assert "Chưa có tài khoản đang hoạt động của văn thư." in html
    assert reverse("admin:accounts_user_add") + f"?role=clerk&amp;agency={bare.agency.pk}" in html
    assert reverse("admin:documents_register_add") in html
    assert "Chưa ghi nhận lần vận hành thử nào." in html
    assert "Chưa có thủ tục hành chính đang có hiệu lực nào được tiếp nhận" in html


def test_the_page_speaks_english_too(client, world):
    client.cookies["django_language"] = "en"
    html = as_user(client, world.admin).get(BOARD, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Go-live readiness board" in html and "Not ready" in html


def test_who_may_see_what(client, world):
    ready, bare = world.communes
    assert client.get(BOARD).status_code == 302  # to the login page
    leader = ready.leader
    as_user(client, leader)
    assert client.get(BOARD).url == unit_url(ready.unit)  # a leader is taken to their own commune
    Hotline.objects.filter(centre=ready.centre).update(is_active=False)
    own = client.get(unit_url(ready.unit))
    # The leader reads what is missing; the page where it is fixed is the provincial admin's.
    assert own.status_code == 200 and "chưa có đường dây nóng" in own.content.decode()
    centre_admin = reverse("admin:units_servicecentre_change", args=[ready.centre.pk])
    assert centre_admin not in own.content.decode()
    assert client.get(unit_url(bare.unit)).status_code == 403
    assert client.get(unit_url(world.province)).status_code == 403
    for role in ("officer", "specialist", "clerk"):
        as_user(client, ready.staff[role])
        assert client.get(BOARD).status_code == 403 and client.get(unit_url(ready.unit)).status_code == 403
    provincial_leader = UserFactory(role=User.Role.LEADER, agency=world.agency)
    as_user(client, provincial_leader)
    assert client.get(BOARD).status_code == 403 and client.get(unit_url(world.province)).status_code == 403
    as_user(client, world.admin)
    assert centre_admin in client.get(unit_url(ready.unit)).content.decode()
    assert client.get(unit_url(world.province)).status_code == 200
    assert client.get(reverse("reports:readiness_unit", args=["99999"])).status_code == 404
    assert client.get("/reports/readiness/06%0073/").status_code in (400, 404)


def test_the_leader_confirms_the_equipment_with_a_note_and_the_admin_sees_who_and_when(client, world):
    ready, bare = world.communes
    confirm = reverse("reports:readiness_confirm", args=[ready.unit.code, "equipment"])
    as_user(client, ready.leader)
    response = client.post(confirm, {"equipment-done": "on", "equipment-note": "Đủ 4 máy tính, 2 máy quét"})
    assert response.status_code == 302 and response.url.endswith("#item-equipment")
    check = ManualCheck.objects.get(unit=ready.unit, item="equipment")
    assert (check.done, check.note, check.updated_by) == (True, "Đủ 4 máy tính, 2 máy quét", ready.leader)
    # Not for another commune.
    other = reverse("reports:readiness_confirm", args=[bare.unit.code, "equipment"])
    assert client.post(other, {"equipment-done": "on"}).status_code == 403
    html = as_user(client, world.admin).get(unit_url(ready.unit)).content.decode()
    assert "Đủ 4 máy tính, 2 máy quét" in html and f"{ready.leader.full_name} xác nhận lúc" in html
    # Unticked again by the admin: red again, and both changes kept.
    client.post(confirm, {"equipment-note": "Máy quét hỏng, chờ thay"})
    check.refresh_from_db()
    assert not check.done and check.updated_by == world.admin
    assert list(ManualCheckChange.objects.filter(manual_check=check).values_list("done", "by")) == [
        (False, world.admin.pk), (True, ready.leader.pk)]
    assert "Máy quét hỏng, chờ thay" in client.get(unit_url(ready.unit)).content.decode()


def test_only_manual_items_are_ticked_by_hand_and_only_by_whom_they_may_be(world):
    ready, bare = world.communes
    with pytest.raises(ReadinessInvalid):
        manual_check_set(unit=ready.unit, item="staff", done=True, note="", actor=world.admin)
    with pytest.raises(ReadinessInvalid):  # the EMC code is the province's
        manual_check_set(unit=ready.unit, item="emc", done=True, note="", actor=world.admin)
    with pytest.raises(ReadinessForbidden):
        manual_check_set(unit=bare.unit, item="training", done=True, note="", actor=ready.leader)
    with pytest.raises(ReadinessForbidden):
        manual_check_set(unit=world.province, item="emc", done=True, note="", actor=ready.leader)
    with pytest.raises(ReadinessInvalid):
        manual_check_set(unit=ready.unit, item="training", done=True, note="x" * 2001, actor=world.admin)
    check = manual_check_set(unit=world.province, item="emc", done=True, note="Đã gắn mã theo dõi", actor=world.admin)
    assert check.done and not ManualCheck.objects.filter(item="staff").exists()


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_take_the_same_queries_whatever_the_number_of_communes(client, world,
                                                                         django_assert_max_num_queries):
    as_user(client, world.admin)
    ready = world.communes[0]
    with django_assert_max_num_queries(30):
        client.get(BOARD)
    few = _count_queries(client, BOARD)
    unit_few = _count_queries(client, unit_url(ready.unit))
    for index in range(5):
        commune = world.commune_ready(f"Phường Thêm {index}")
        manual_check_set(unit=commune.unit, item="training", done=True, note="", actor=world.admin)
    world.commune("Xã Cuối")
    assert _count_queries(client, BOARD) == few
    with django_assert_max_num_queries(30):
        assert _count_queries(client, unit_url(ready.unit)) == unit_few
