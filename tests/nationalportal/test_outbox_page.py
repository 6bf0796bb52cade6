"""The outbox page of the provincial admins: who may see it, what it shows (counts, failing messages,
dead letters with their dossier code, the NPSP's own counters or "unreachable", the last reconciliation),
the resend buttons and "reconcile now", with bounded queries on every list."""

import datetime as dt
import re
import time

import pytest
import requests
from django.urls import reverse
from django.utils import timezone

from nationalportal.tasks import npsp_reconcile
from outbox.models import OutboxMessage
from outbox.relay import relay_until_empty
from portal.models import Job
from tests.dossiers.factories import make_world, received
from tests.factories import UserFactory
from tests.nationalportal.conftest import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return make_world()


@pytest.fixture
def offline(settings):
    """No NPSP listening: the page must not wait for it."""
    settings.NPSP_URL = f"http://127.0.0.1:{free_port()}"


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.admin)
    client.cookies["django_language"] = "en"
    return client


def metric(html: str, label: str) -> str:
    match = re.search(rf"<dt>(?:<a [^>]*>)?{re.escape(label)}(?:</a>)?</dt>\s*<dd>([^<]*)</dd>", html)
    assert match, f"no metric {label!r}"
    return match.group(1).strip()


def compared(html: str, label: str) -> tuple[str, str]:
    """A row of the reconciliation report: (dossiers, petitions)."""
    match = re.search(rf'<th scope="row">{re.escape(label)}</th><td>([^<]*)</td><td>([^<]*)</td>', html)
    assert match, f"no report row {label!r}"
    return match.group(1), match.group(2)


def refusing(url: str) -> None:
    """Until the mock has closed its listening socket (it does so a moment after being asked)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            requests.get(f"{url}/health", timeout=0.5)
        except requests.ConnectionError:
            return
        time.sleep(0.05)
    raise AssertionError("the mock NPSP still accepts connections")


def text(response) -> str:
    return response.content.decode()


PAGES = ["nationalportal:outbox", "nationalportal:outbox_failing", "nationalportal:outbox_dead"]
ACTIONS = ["nationalportal:outbox_resend", "nationalportal:reconcile"]


@pytest.mark.parametrize("name", PAGES + ACTIONS)
def test_only_provincial_admins_reach_the_outbox(client, world, offline, name):
    url = reverse(name)
    method = client.post if name in ACTIONS else client.get
    response = method(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    for user in (world.officer, world.leader, world.citizen, UserFactory()):
        client.force_login(user)
        assert method(url).status_code == 403
    client.force_login(world.admin)
    assert method(url).status_code in (200, 302)
    assert not Job.objects.exists() or name == "nationalportal:reconcile"


def test_the_actions_want_post(admin_client, offline):
    for name in ACTIONS:
        assert admin_client.get(reverse(name)).status_code == 405


def test_the_overview_counts_what_waits_fails_and_died(admin_client, world, offline):
    first, second, third = received(world), received(world), received(world)
    per = OutboxMessage.objects.filter(subject=str(first.uuid)).count()  # each dossier's messages so far
    assert per >= 2  # at least its submission and its receipt
    OutboxMessage.objects.filter(subject=str(first.uuid)).update(attempts=3, last_error="HTTP 503: overloaded")
    OutboxMessage.objects.filter(subject=str(second.uuid)).update(status="dead", attempts=20,
                                                                  last_error="state is missing or not a str")
    OutboxMessage.objects.filter(subject=str(third.uuid)).update(status="delivered", delivered_at=timezone.now())
    OutboxMessage.objects.filter(topic="procedure").update(created_at=timezone.now() - dt.timedelta(hours=2, minutes=5))

    html = text(admin_client.get(reverse("nationalportal:outbox")))

    assert metric(html, "Waiting to be sent") == str(1 + per)  # the publication and the first dossier's
    assert metric(html, "Failing, being retried") == str(per)
    assert metric(html, "Dead letters") == str(per)
    assert metric(html, "Delivered in the last minute") == str(per)
    assert metric(html, "Oldest waiting message") == "2 hours 5 minutes"
    assert "HTTP 503: overloaded" in html and "state is missing or not a str" in html
    assert second.code in html  # the dead letters name their dossier by its code
    assert f"{per} messages delivered in 15 minutes." in html


def test_the_oldest_wait_reads_in_vietnamese(client, world, offline):
    received(world)
    OutboxMessage.objects.update(created_at=timezone.now() - dt.timedelta(days=1, hours=3))
    client.force_login(world.admin)  # no language cookie: Vietnamese, the default

    html = text(client.get(reverse("nationalportal:outbox")))

    assert "1 ngày 3 giờ" in html


def test_the_npsp_counters_are_shown_when_it_answers(admin_client, world, npsp):
    received(world)
    relay_until_empty()

    html = text(admin_client.get(reverse("nationalportal:outbox")))

    assert "Unreachable" not in html
    assert metric(html, "Messages applied") == str(OutboxMessage.objects.count())
    assert metric(html, "Dossiers held") == "1"


def test_an_npsp_that_is_down_shows_unreachable_and_the_page_still_loads(admin_client, world, npsp):
    npsp.admin(down_for_seconds=30)
    html = text(admin_client.get(reverse("nationalportal:outbox")))
    assert "Unreachable" in html and "HTTP 503" in html

    npsp.admin(clear=True)
    npsp.admin(refuse_for_seconds=5)
    refusing(npsp.url)
    html = text(admin_client.get(reverse("nationalportal:outbox")))
    assert "Unreachable" in html and "ConnectionError" in html


def test_a_hanging_npsp_gives_up_quickly(admin_client, world, npsp):
    npsp.admin(timeout_rate=1.0, hang_seconds=20)
    html = text(admin_client.get(reverse("nationalportal:outbox")))  # bounded by the short stats timeout
    assert "Unreachable" in html and "Timeout" in html
    npsp.admin(clear=True)


def test_the_resend_button_puts_one_dead_letter_back(admin_client, world, offline):
    dossier, other = received(world), received(world)
    OutboxMessage.objects.filter(topic="dossier_event").update(status="dead", attempts=20, last_error="HTTP 400")
    chosen = OutboxMessage.objects.filter(subject=str(dossier.uuid)).order_by("id").first()

    response = admin_client.post(reverse("nationalportal:outbox_resend"), {"key": str(chosen.key)}, follow=True)

    assert "1 dead letter was put back in the queue." in text(response)
    chosen.refresh_from_db()
    assert (chosen.status, chosen.attempts) == ("pending", 0)
    dead = OutboxMessage.objects.filter(topic="dossier_event").count() - 1
    assert OutboxMessage.objects.filter(status="dead").count() == dead
    page = text(admin_client.get(reverse("nationalportal:outbox_dead")))
    assert f"{dead} dead letters." in page and str(chosen.key) not in page and str(other.code) in page
    assert f"{world.admin} resent 1 dead letter." in text(admin_client.get(reverse("nationalportal:outbox")))

    again = admin_client.post(reverse("nationalportal:outbox_resend"), {"key": str(chosen.key)}, follow=True)
    assert "no longer a dead letter" in text(again)
    assert admin_client.post(reverse("nationalportal:outbox_resend"), {"key": "not-a-key"}).status_code == 302


def test_resend_all_puts_every_dead_letter_back(admin_client, world, offline):
    received(world)
    received(world)
    OutboxMessage.objects.update(status="dead", attempts=20, last_error="HTTP 503")
    total = OutboxMessage.objects.count()  # the publication and both dossiers' events

    response = admin_client.post(reverse("nationalportal:outbox_resend"), {"all": "1", "back": "overview"},
                                 follow=True)

    assert response.redirect_chain[-1][0] == reverse("nationalportal:outbox")
    assert f"{total} dead letters were put back in the queue." in text(response)
    assert not OutboxMessage.objects.filter(status="dead").exists()
    assert metric(text(response), "Waiting to be sent") == str(total)


def test_reconcile_now_runs_on_a_worker_and_its_report_shows(admin_client, world, npsp,
                                                             django_capture_on_commit_callbacks):
    received(world)
    relay_until_empty()
    npsp.reset()
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(reverse("nationalportal:reconcile"), follow=True)
    assert "A reconciliation is waiting or running." in text(response)
    [job] = Job.objects.filter(kind="npsp_reconcile")
    assert job.status == "pending" and job.created_by == world.admin and len(callbacks) == 1

    npsp_reconcile(str(job.pk))  # what the worker the callback asks for does

    html = text(admin_client.get(reverse("nationalportal:outbox")))
    assert "A reconciliation is waiting or running." not in html
    assert f"Started by {world.admin}." in html
    assert compared(html, "Compared") == ("1", "0")
    assert compared(html, "Missing at the national portal") == ("1", "0")
    assert compared(html, "Sent again") == ("1", "0")


def make_letters(world, dossiers: int):
    for _ in range(dossiers):
        received(world)
    OutboxMessage.objects.update(status="dead", attempts=20, last_error="HTTP 503")
    pending = OutboxMessage.objects.order_by("id")[:dossiers]
    OutboxMessage.objects.filter(pk__in=[m.pk for m in pending]).update(status="pending", attempts=2)


@pytest.mark.parametrize("name", PAGES)
def test_lists_do_a_bounded_number_of_queries(admin_client, world, offline, name, django_assert_max_num_queries):
    make_letters(world, 2)
    with django_assert_max_num_queries(30) as few:
        admin_client.get(reverse(name))
    make_letters(world, 30)  # more than a page of each
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(reverse(name))
    assert response.status_code == 200


def test_the_dead_letters_are_paginated(admin_client, world, offline):
    while OutboxMessage.objects.count() <= 25:  # more than a page
        received(world)
    OutboxMessage.objects.update(status="dead", attempts=20, last_error="HTTP 503")
    total = OutboxMessage.objects.count()
    html = text(admin_client.get(reverse("nationalportal:outbox_dead")))
    assert f"{total} dead letters." in html and html.count('name="key"') == 25
    html = text(admin_client.get(reverse("nationalportal:outbox_dead") + "?page=2"))
    assert html.count('name="key"') == total - 25


def test_admins_find_the_page_from_their_account(admin_client, world, offline):
    html = text(admin_client.get(reverse("accounts:home")))
    assert reverse("nationalportal:outbox") in html
