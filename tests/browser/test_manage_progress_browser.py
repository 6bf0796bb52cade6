"""The import progress page in real Chromium: static/js/progress.js polls the job and shows its outcome."""

import pytest
from playwright.sync_api import expect

from portal.jobs import job_create, job_fail, job_finish, job_progress
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin():
    return UserFactory(admin=True)


@pytest.fixture
def admin_page(page, client, live_server, admin):
    client.force_login(admin)
    page.context.add_cookies([
        {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
        {"name": "django_language", "value": "en", "url": live_server.url},
    ])
    return page


def test_the_bar_follows_the_job_until_it_succeeds(admin_page, admin, screenshot):
    job = job_create(kind="catalogue_import", created_by=admin, total=600)
    admin_page.goto(f"/procedures/manage/import/{job.pk}/")
    bar = admin_page.locator("[data-job-bar]")
    expect(bar).to_have_attribute("value", "0")

    job_progress(job=job, done=150, message="Checking the procedures…")
    expect(bar).to_have_js_property("value", 25)
    expect(admin_page.locator("[data-job-message]")).to_have_text("Checking the procedures…")
    expect(admin_page.locator("[data-job-status]")).to_have_text("Running")
    screenshot(admin_page, "running")

    job_finish(job=job, message="Imported 300 procedures as drafts (300 new, 0 drafts replaced).")
    expect(admin_page.get_by_role("link", name="Review the drafts")).to_be_visible()
    expect(bar).to_have_js_property("value", 100)
    expect(admin_page.locator("[data-job-failed]")).to_be_hidden()
    screenshot(admin_page, "succeeded")


def test_a_failed_job_lists_its_problems_as_plain_text(admin_page, admin, screenshot):
    job = job_create(kind="catalogue_import", created_by=admin, total=10)
    admin_page.goto(f"/procedures/manage/import/{job.pk}/")
    job_fail(job=job, message="Nothing was imported: the file has 2 problems.", result={"errors": [
        {"text": "Thủ tục, row 3, column G: The agency code H99.99 does not exist."},
        {"text": "Thủ tục, row 4, column B: <img src=x onerror=alert(1)>"},
    ]})
    items = admin_page.locator("[data-job-errors] li")
    expect(items).to_have_text([
        "Thủ tục, row 3, column G: The agency code H99.99 does not exist.",
        "Thủ tục, row 4, column B: <img src=x onerror=alert(1)>",
    ])
    expect(admin_page.locator("[data-job-errors] img")).to_have_count(0)
    expect(admin_page.get_by_role("link", name="Review the drafts")).to_be_hidden()
    screenshot(admin_page, "failed")
