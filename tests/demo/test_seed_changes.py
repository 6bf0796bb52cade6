"""seed_demo when the demo data changes: new versions through the catalogue, all or nothing."""

import dataclasses

import pytest
from django.core.management.base import CommandError

from accounts.models import User
from demo import catalogue
from procedures.models import Procedure, ProcedureEvent, ProcedureVersion
from tests.demo.conftest import run_seed
from units.models import AdministrativeUnit, Agency, ServiceCentre

pytestmark = pytest.mark.django_db


def _replace(code: str, **changes) -> list:
    return [dataclasses.replace(spec, **changes) if spec.code == code else spec for spec in catalogue.SPECS]


def test_a_changed_procedure_is_published_as_a_new_version(seeded, monkeypatch):
    monkeypatch.setattr(catalogue, "SPECS", _replace("1.001022", time="4"))
    assert "already loaded" in run_seed()
    assert ProcedureVersion.objects.filter(procedure__code="1.001022").count() == 1
    out = run_seed("--update")
    assert f"1 published now, {len(catalogue.SPECS) - 1} already in force" in out
    versions = ProcedureVersion.objects.filter(procedure__code="1.001022").order_by("number")
    assert [(v.number, v.status, v.processing_time) for v in versions] == [(1, "published", 3), (2, "published", 4)]
    current = ProcedureVersion.objects.current().get(procedure__code="1.001022")
    assert current.number == 2
    assert sum(step.duration for step in current.steps.all()) == 4
    assert ProcedureEvent.objects.filter(procedure__code="1.001022", kind="published").count() == 2


def test_invalid_demo_data_is_refused_and_nothing_is_loaded(db, monkeypatch):
    too_long = (("Thẩm định hồ sơ", "Examine the dossier", "specialist", "9", None),)
    monkeypatch.setattr(catalogue, "SPECS", _replace("1.001193", steps=too_long))
    with pytest.raises(CommandError) as raised:
        run_seed()
    message = str(raised.value)
    assert "1.001193" in message and "9 giờ làm việc" in message
    for model in (AdministrativeUnit, Agency, ServiceCentre, User, Procedure, ProcedureVersion):
        assert model.objects.count() == 0, model.__name__
