"""The indicators' fast path (facts kept current from the events, summed per day) equals the direct computation
from the dossiers, on random histories driven through the real services across period boundaries:
supplements asked for once or twice, answered or not, extensions, stops, withdrawals, results, returns,
ratings, receipts synced to the NPSP or not — with the facts refreshed at random moments in between."""

import datetime as dt
import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from dossiers.errors import DossierError
from dossiers.models import Dossier
from dossiers.services import (
    dossier_extend,
    dossier_rate,
    dossier_receive,
    dossier_request_supplement,
    dossier_return,
    dossier_stop,
    dossier_supplement,
    dossier_withdraw,
    step_complete,
)
from outbox.models import OutboxMessage
from reports.indicators.direct import direct_figures
from reports.indicators.figures import Scope, figures
from reports.indicators.models import MEASURES, DossierFact, ProcedureDay, UnitDay
from reports.indicators.periods import Period
from reports.indicators.rebuild import facts_rebuild_sql
from reports.indicators.refresh import facts_rebuild, facts_refresh_all
from tests.dossiers.factories import make_world, pdf_upload, submitted

pytestmark = pytest.mark.django_db(transaction=False)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
START = dt.datetime(2026, 1, 26, 9, 0, tzinfo=TZ)  # late January: dossiers cross into February and March

ACTIONS = ("supplement", "answer", "extend", "result", "return", "rate", "stop", "withdraw", "sync", "refresh")


@dataclass
class Step:
    at: dt.datetime
    dossier: int
    action: str


ENDINGS = ((), ("result",), ("result", "return"), ("result", "return", "rate"), ("stop",), ("withdraw",))


@st.composite
def plan(draw) -> list[str]:
    """One dossier's coherent way: up to two supplements (each answered or not), maybe an extension, an
    ending, and maybe its receipt synced to the NPSP."""
    actions = []
    for _ in range(draw(st.integers(0, 2))):
        actions.append("supplement")
        if not draw(st.booleans()):
            break  # never answered: the dossier waits for its applicant
        actions.append("answer")
    else:
        if draw(st.booleans()):
            actions.append("extend")
        actions += draw(st.sampled_from(ENDINGS))
    if draw(st.booleans()):
        actions.insert(draw(st.integers(0, len(actions))), "sync")
    return actions


dossier_plans = st.lists(st.tuples(st.integers(0, 30 * 24), plan(), st.lists(st.integers(1, 30 * 24), min_size=8,
                                                                             max_size=8)),
                         min_size=1, max_size=6)
refreshes = st.lists(st.integers(0, 100 * 24), max_size=4)


def do(world, dossier: Dossier, action: str) -> None:
    dossier.refresh_from_db()
    if action == "supplement":
        dossier_request_supplement(dossier=dossier, user=world.specialist if dossier.state != "submitted" else world.officer,
                                   reason="Thiếu giấy tờ", items=["Bản sao giấy chứng sinh"])
    elif action == "answer":
        dossier_supplement(dossier=dossier, user=world.citizen, note="Đã bổ sung")
    elif action == "extend":
        dossier_extend(dossier=dossier, user=world.officer, new_due_at=dossier.due_at + dt.timedelta(days=5),
                       reason="Cần xác minh thêm")
    elif action == "result":
        for position, user in ((2, world.specialist), (3, world.leader), (4, world.clerk)):
            step = dossier.steps.get(position=position)
            if step.state != "done":
                extra = {"result": pdf_upload("ket-qua.pdf")} if position == 3 else {}
                step_complete(dossier=dossier, position=position, user=user, **extra)
    elif action == "return":
        dossier_return(dossier=dossier, user=world.officer, recipient_name="Nguyễn Văn An", recipient_id="022090012345")
    elif action == "rate":
        dossier_rate(dossier=dossier, citizen=world.citizen, score="not_satisfied")
    elif action == "stop":
        dossier_stop(dossier=dossier, user=world.officer, reason="Công dân đề nghị dừng")
    elif action == "withdraw":
        dossier_withdraw(dossier=dossier, citizen=world.citizen, reason="Nộp nhầm")
    elif action == "sync":
        OutboxMessage.objects.filter(subject=str(dossier.uuid), payload__kind="received").update(
            status=OutboxMessage.Status.DELIVERED, delivered_at=timezone.now())


def periods():
    yield from (Period("month", 2026, m) for m in (1, 2, 3, 4))
    yield Period("quarter", 2026, 1)
    yield Period("quarter", 2026, 2)
    yield Period("half", 2026)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield make_world()
            transaction.set_rollback(True)


@settings(max_examples=int(os.environ.get("REPORTS_EXAMPLES", 25)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture],
          # Shrinking a history replayed through the services takes minutes: the failing example is printed as is.
          phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(plans=dossier_plans, refresh_at=refreshes, today_offset=st.integers(20, 120))
def test_the_fast_figures_equal_the_direct_computation(world, plans, refresh_at, today_offset):
    with transaction.atomic():
        _history(world, plans, refresh_at)
        today = (START + dt.timedelta(days=today_offset)).date()
        _describe()
        scopes = [Scope(), Scope("unit", world.centre.unit_id), Scope("centre", world.provincial_centre.pk),
                  Scope("agency", world.commune_agency.pk), Scope("procedure", world.version.procedure_id)]
        for period in periods():
            for scope in scopes:
                fast, direct = figures(scope, period, today=today), direct_figures(scope, period, today=today)
                assert fast == direct, (scope, period, today)
        # Computed again from nothing, dossier by dossier in Python or all at once in SQL, the facts and the
        # days' measures are those the increments kept.
        kept = {period: figures(Scope(), period, today=today) for period in periods()}
        kept_facts = _rows(DossierFact)
        kept_days = (_rows(UnitDay), _rows(ProcedureDay))
        facts_rebuild()
        assert kept == {period: figures(Scope(), period, today=today) for period in periods()}
        assert _rows(DossierFact) == kept_facts
        facts_rebuild_sql()
        assert _rows(DossierFact) == kept_facts
        assert (_rows(UnitDay), _rows(ProcedureDay)) == kept_days
        transaction.set_rollback(True)


def _history(world, plans, refresh_at) -> None:
    """Receive each dossier at its hour, then play every dossier's actions and the refreshes in time order."""
    timeline = [(START + dt.timedelta(hours=hours), "refresh", None) for hours in refresh_at]
    for index, (hours, actions, delays) in enumerate(sorted(plans, key=lambda p: p[0])):
        at = START + dt.timedelta(hours=hours)
        timeline.append((at, "receive", index))
        for action, delay in zip(actions, delays, strict=False):
            at += dt.timedelta(hours=delay)
            timeline.append((at, action, index))
    dossiers: dict[int, Dossier] = {}
    for moment, action, index in sorted(timeline, key=lambda t: (t[0], t[1] != "receive")):
        with time_machine.travel(moment, tick=False):
            if action == "refresh":
                facts_refresh_all()
            elif action == "receive":
                centre, officer = ((world.centre, world.officer) if index % 2 == 0
                                   else (world.provincial_centre, world.provincial_officer))
                dossiers[index] = dossier_receive(dossier=submitted(world, centre=centre), officer=officer)
            else:
                try:
                    do(world, dossiers[index], action)
                except DossierError:
                    pass  # e.g. an extension asked for after the due date: refused, the history goes on
    with time_machine.travel(START + dt.timedelta(days=200), tick=False):
        facts_refresh_all()


def _rows(model) -> set[tuple]:
    """A table's rows without their ids; days whose measures all cancel out count as no row."""
    fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
    rows = set(model.objects.values_list(*fields))
    if model is DossierFact:
        return rows
    measures = [i for i, name in enumerate(fields) if name in MEASURES]
    return {row for row in rows if any(row[i] for i in measures)}


def _describe() -> None:
    """What the generated histories hold (pytest --hypothesis-show-statistics): the cases worth comparing."""
    facts = DossierFact.objects.all()
    event(f"ended late: {facts.filter(ended_on__isnull=False, ended_on_time=False).exists()}")
    event(f"open and late: {facts.filter(ended_on__isnull=True, late_from__isnull=False).exists()}")
    event(f"asked twice: {facts.filter(supplements__gt=1).exists()}")
    event(f"synced: {facts.filter(synced=True).exists()}")
    event(f"complained: {facts.filter(complained=True).exists()}")
    event(f"states: {sorted(set(Dossier.objects.values_list('state', flat=True)))}")
