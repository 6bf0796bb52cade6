"""manage.py simulate: a small real run against the mock NPSP started as its own process, with faults, and
the checks that make a run fail."""

import io
import json
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from simulation.config import Mix
from simulation.plan import Fate
from simulation.report import Report
from simulation.runner import _check
from simulation.world import world_build

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # the demo seed's accounts
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_small_run_with_faults_loses_nothing_and_applies_nothing_twice():
    out = io.StringIO()
    call_command(
        "simulate", "--communes", "2", "--dossiers", "30", "--rate", "10", "--duration", "20", "--think-ms", "60",
        "--start-mock", "--npsp-error-rate", "0.2", "--npsp-down-at", "1", "--npsp-down-for", "3",
        "--retry-base-seconds", "0.2", "--retry-max-seconds", "1", "--settle-timeout", "30",
        "--drain-timeout", "20", "--json", "--no-progress", "--seed", "7", stdout=out,
    )
    report = json.loads(out.getvalue())
    assert report["ok"], report["failures"]
    assert report["dossiers"]["created"] == 30
    sync = report["sync"]
    assert sync["created"] > 30 * 5  # every transition of every dossier wrote a message
    assert (sync["delivered"], sync["pending"], sync["dead"]) == (sync["created"], 0, 0)
    assert sync["npsp_applied"] == sync["created"]
    assert (sync["lost"], sync["duplicates_applied"], sync["out_of_order"]) == (0, 0, 0)
    assert sync["relay_retried"] > 0  # the faults really happened and were retried through
    assert sync["npsp_state_matches"] == report["dossiers"]["submitted_or_filed"]
    assert {"received", "in_progress", "result_ready", "returned"} <= set(report["dossiers"]["states_reached"])
    assert report["actors"]["errors"] == [] and report["codes"]["gap_free"]
    assert report["deadlines"]["with_result"] > 0
    # The staff and citizens are reused by the next run.
    assert world_build(communes=2, citizens_per_commune=10, seed=7).created_accounts == 0


def test_the_run_fails_when_the_npsp_misses_or_doubles_messages():
    base = {"sync": {"pending": 0, "dead": 0, "lost": 0, "duplicates_applied": 0, "out_of_order": 0,
                     "npsp_state_matches": 5, "created": 40, "npsp_applied": 40},
            "actors": {"errors": [], "refusals": {}, "unfinished": 0},
            "dossiers": {"submitted_or_filed": 5}, "codes": {"gap_free": True}}
    report = Report(data=json.loads(json.dumps(base)))
    _check(report)
    assert report.ok
    bad = json.loads(json.dumps(base))
    bad["sync"].update(lost=2, npsp_applied=38, pending=2)
    report = Report(data=bad)
    _check(report)
    assert not report.ok and any("lost" in f for f in report.failures)


def test_a_seed_plans_the_same_fates():
    mix = Mix(refuse=0.2, withdraw=0.2, extend=0.5)
    first = [Fate.draw(random.Random(f"3-dossier-{i}"), mix, has_account=True) for i in range(50)]
    again = [Fate.draw(random.Random(f"3-dossier-{i}"), mix, has_account=True) for i in range(50)]
    assert first == again
    assert any(f.refuse for f in first) and any(f.withdraw for f in first) and any(f.extend for f in first)


def test_start_mock_with_celery_is_refused():
    with pytest.raises(CommandError, match="in-process relay"):
        call_command("simulate", "--sync", "celery", "--start-mock", "--no-progress", stdout=io.StringIO())
