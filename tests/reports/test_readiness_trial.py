"""`manage.py simulate` records each trial operation run on the readiness board: a real small run against the
mock NPSP turns the trial item of the commune that took part green; a failed run is recorded as failed."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from reports.readiness.models import TrialRun
from reports.readiness.selectors import readiness_unit
from simulation.report import Report
from simulation.runner import _record
from simulation.world import Commune, World
from tests.factories import CommuneFactory, ProvinceFactory, ServiceCentreFactory


def _trial(unit):
    with translation.override("en"):
        return next(r for r in readiness_unit(unit=unit).results if r.item.key == "trial")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_simulate_run_is_recorded_and_the_commune_that_took_part_turns_green(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # the demo seed's accounts
    settings.MEDIA_ROOT = tmp_path / "media"
    out = io.StringIO()
    call_command("simulate", "--communes", "1", "--dossiers", "4", "--rate", "10", "--duration", "10",
                 "--think-ms", "40", "--start-mock", "--settle-timeout", "30", "--drain-timeout", "20", "--json",
                 "--no-progress", "--seed", "11", stdout=out)
    report = json.loads(out.getvalue())
    run = TrialRun.objects.get(recorded_by__isnull=True)  # the demo the run loaded first records its own, by the admin
    assert run.ok == report["ok"] is True and run.dossiers == 4 and run.failures == []
    assert run.figures["lost"] == 0 and run.started_at <= run.finished_at
    [centre] = run.centres.all()
    assert [centre.slug] == report["run"]["centres"]
    assert _trial(centre.unit).state == "green"


@pytest.mark.django_db
def test_a_failed_run_is_recorded_as_failed_with_its_reasons():
    province = ProvinceFactory()
    ward = CommuneFactory(parent=province)
    centre = ServiceCentreFactory(unit=ward, level="commune")
    world = World(communes=[Commune(centre=centre, staff={})], citizens=[], online_versions=[], counter_versions=[])
    data = {"run": {"faults": "", "citizens": 0}, "dossiers": {"created": 20, "per_second": 1.5},
            "deadlines": {"on_time_rate": 0.95},
            "sync": {"lag_p95": 0.4, "created": 120, "lost": 2, "duplicates_applied": 0}}
    report = Report(data=data, failures=["2 messages lost (created 120, the NPSP applied 118)"])
    started = timezone.now() - dt.timedelta(minutes=3)
    _record(report, world, started_at=started)
    run = TrialRun.objects.get()
    assert not run.ok and run.on_time_rate == 95 and run.failures == report.failures
    assert run.started_at == started and list(run.centres.all()) == [centre]
    trial = _trial(ward)
    assert trial.state == "red" and "failed its checks" in trial.outcome.summary
