"""The relay's kick after a commit (outbox.services.kick): the first commit of each quarter of a second starts
a relay, the others in that quarter ride on it — a steady stream of commits is at most four relays a second,
and a message never waits a whole second for the next kick."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from celery import current_app

from outbox import services


@pytest.fixture
def kicks(monkeypatch):
    """The relays started, and a clock the test moves (far in the past: no other run's keys are there)."""
    started: list[dict] = []
    clock = SimpleNamespace(now=1_000.0 + id(started) % 1_000_000)
    monkeypatch.setattr(current_app.tasks[services.RELAY_TASK], "apply_async",
                        lambda **options: started.append(options))
    monkeypatch.setattr(services, "time", SimpleNamespace(time=lambda: clock.now))
    return started, clock


def test_a_stream_of_commits_starts_at_most_four_relays_a_second(kicks):
    started, clock = kicks
    clock.now = float(int(clock.now))  # the start of a second
    for _commit in range(20):  # one every 50 ms for a second
        services.kick()
        clock.now += 0.05
    assert len(started) == services.KICKS_PER_SECOND == 4


def test_a_commit_after_a_quiet_quarter_second_kicks_again_at_once(kicks):
    started, clock = kicks
    services.kick()
    services.kick()  # the same instant: rides on the first
    clock.now += 1 / services.KICKS_PER_SECOND
    services.kick()
    assert len(started) == 2 and started[0] == {"retry": False}
