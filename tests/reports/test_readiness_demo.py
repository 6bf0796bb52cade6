"""The demo province shows a mix on the readiness board: once the procedures have reached the NPSP and the
axis has read the mailboxes (what `make run`'s worker and beat do in seconds, done by hand here), two wards
are ready, Hạ Long waits for its chair's certificate, the others lack staff; a trial run is recorded."""

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from axis.connections import agencies_on_axis
from axis.models import Connection
from outbox.models import OutboxMessage
from reports.readiness.models import ManualCheck, TrialRun
from reports.readiness.selectors import readiness_board
from tests.demo.conftest import run_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    return run_seed()


def _as_make_run_leaves_it():
    OutboxMessage.objects.filter(topic=OutboxMessage.Topic.PROCEDURE).update(
        status=OutboxMessage.Status.DELIVERED, delivered_at=timezone.now())
    now = timezone.now()
    for agency in agencies_on_axis():
        Connection.objects.update_or_create(agency=agency, defaults={"registered_at": now, "last_success_at": now})


def test_the_demo_board_shows_ready_wards_one_to_complete_and_the_rest_not_ready(seeded):
    assert "http://127.0.0.1:8000/reports/readiness/" in seeded
    _as_make_run_leaves_it()
    with translation.override("en"):
        board = readiness_board()
    states = {row.unit.code: row.state for row in board.communes}
    assert {code for code, state in states.items() if state == "green"} == {"06673", "06685"}
    assert [code for code, state in states.items() if state == "amber"] == ["06688"]
    assert len(states) == 54 and board.totals == {"green": 2, "amber": 1, "red": 51}
    ha_long = next(row for row in board.communes if row.unit.code == "06688")
    assert [r.item.key for r in ha_long.missing] == ["certificates"]
    assert TrialRun.objects.filter(ok=True).count() == 1
    # Two more communes have confirmed their equipment only.
    assert ManualCheck.objects.filter(item="equipment", done=True).count() == 5


def test_a_second_seed_adds_nothing_to_the_board(seeded):
    counts = (TrialRun.objects.count(), ManualCheck.objects.count())
    run_seed()
    assert (TrialRun.objects.count(), ManualCheck.objects.count()) == counts
