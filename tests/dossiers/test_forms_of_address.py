"""How the Vietnamese pages address their reader: officials as "đồng chí", citizens as "bạn" on the pages
(and "Ông/Bà" in letters: the e-mails and slips); pages both see use no form of address at all."""

import html as html_lib
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.dossiers.factories import received

pytestmark = pytest.mark.django_db
BAN = re.compile(r"\bbạn\b", re.IGNORECASE)


def text(user, url) -> str:
    client = Client()  # Vietnamese, the default
    client.force_login(user)
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_officials_pages_say_dong_chi_never_ban(world):
    dossier = received(world)
    detail = reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})
    pages = {
        (world.leader, reverse("signatures:mine")): "Đồng chí chưa có chứng thư số.",
        (world.leader, reverse("dossiers:work")): "đồng chí",
        (world.officer, reverse("dossiers:search")): "Tất cả hồ sơ đồng chí được xem.",
        (world.officer, detail): "",
        (world.officer, reverse("dossiers:desk")): "",
        (world.officer, f"{reverse('dossiers:counter')}?procedure=1.001193"): "",
    }
    for (user, url), expected in pages.items():
        page = text(user, url)
        assert expected in page, url
        assert not BAN.search(page) and "Ông/Bà" not in page, (url, BAN.findall(page))


def test_citizens_pages_never_say_dong_chi(world):
    dossier = received(world)
    for url in (reverse("dossiers:mine"), reverse("dossiers:detail", kwargs={"uuid": dossier.uuid}),
                reverse("accounts:home"), reverse("dossiers:start", kwargs={"code": "1.001193"})):
        assert "đồng chí" not in text(world.citizen, url).lower(), url


def test_the_admin_site_greets_an_official_as_dong_chi(world):
    world.admin.is_staff = True
    world.admin.is_superuser = True
    world.admin.save()
    page = text(world.admin, reverse("admin:index"))
    assert f"Xin chào đồng chí {world.admin.full_name} ." in page
    assert "Cổng Một Cửa — Quản trị hệ thống" in page  # the portal's name in the header
    assert not BAN.search(page)
