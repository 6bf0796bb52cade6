"""Real Chromium enforces the portal's Content-Security-Policy: every page a visitor, a citizen, an officer,
an admin or the operator opens (the API docs and the Django admin too) loads and runs with no violation,
and the viewer shows an uploaded PDF inside its sandbox."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from dossiers.models import Dossier
from tests.browser.conftest import PHONE
from tests.dossiers.factories import make_world, received

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Mật-khẩu-2025!"


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = make_world()
    User.objects.create_superuser("operator", "operator@example.vn", PASSWORD)
    return world


def watched(new_page, username=None, viewport=None):
    """A page whose CSP violations (the browser's own reports of what it blocked) are collected."""
    page = new_page(viewport) if viewport else new_page()
    page.violations = []
    page.on("console", lambda message: page.violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    if username:
        page.goto("/accounts/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main").get_by_role("button", name="Đăng nhập").click()
        expect(page.locator("body")).not_to_contain_text("không khớp")
    return page


def visit(page, paths):
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert page.violations == [], page.violations


def test_public_pages_and_the_api_docs_run_under_the_policy(new_page, world):
    page = watched(new_page)
    visit(page, ["/", "/procedures/", "/procedures/1.001193/", "/centres/", "/dossiers/lookup/",
                 "/accounts/login/", "/accounts/register/", "/signatures/verify/", "/no-such-page/"])
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui")).to_contain_text("Cổng Một Cửa API")
    assert page.violations == [], page.violations


def test_each_role_works_under_the_policy(new_page, world, screenshot):
    dossier = received(world)
    officer = watched(new_page, world.officer.username)
    visit(officer, ["/dossiers/desk/", "/dossiers/work/", "/dossiers/search/", f"/dossiers/{dossier.uuid}/",
                    "/dossiers/counter/new/?procedure=1.001193", "/dossiers/book/"])
    citizen = watched(new_page, world.citizen.username, viewport=PHONE)
    visit(citizen, ["/dossiers/mine/", f"/dossiers/{dossier.uuid}/", "/dossiers/new/1.001193/"])
    admin = watched(new_page, world.admin.username)
    visit(admin, ["/procedures/manage/", "/procedures/manage/import/", "/npsp/outbox/", "/signatures/manage/"])
    operator = watched(new_page, "operator")
    visit(operator, ["/admin/", "/admin/units/agency/", "/admin/units/agency/add/", "/admin/dossiers/dossier/",
                     f"/admin/dossiers/dossier/{dossier.pk}/change/", "/admin/units/calendarday/"])


def test_the_viewer_shows_an_uploaded_pdf_in_its_sandbox(new_page, world, screenshot):
    dossier = received(world)
    row = Dossier.objects.get(pk=dossier.pk).files.first()
    officer = watched(new_page, world.officer.username)
    officer.goto(f"/dossiers/{dossier.uuid}/")
    officer.get_by_role("link", name=row.original_name).first.click()
    expect(officer.locator("h1")).to_have_text(row.original_name)
    expect(officer.locator("iframe.viewer__frame")).to_be_visible()
    # The frame's own load (Chromium's PDF viewer may fetch the same URL again, for itself, without the headers).
    with officer.expect_response(lambda r: "?view=1" in r.url and r.request.resource_type == "document") as framed:
        officer.reload()
    assert framed.value.header_value("content-disposition").startswith("inline")
    assert framed.value.header_value("content-security-policy").startswith("sandbox")
    officer.wait_for_load_state("networkidle")
    officer.wait_for_timeout(1000)  # the PDF viewer paints after the frame's load
    screenshot(officer, "viewer-desktop")
    assert officer.violations == [], officer.violations
    phone = watched(new_page, world.officer.username, viewport=PHONE)
    phone.goto(f"/dossiers/{dossier.uuid}/files/{row.pk}/view/")
    expect(phone.get_by_role("link", name="Tải về")).to_be_visible()
    screenshot(phone, "viewer-phone")
