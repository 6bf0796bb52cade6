"""Reads of the readiness board: every commune of the province and the province's own centre and agencies,
each item evaluated (checks.py) from the facts gathered in one go (facts.py), and for one unit's page the
lists behind what is missing (which procedures, which leaders, the trial runs, who confirmed what)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from accounts.models import User
from portal.collation import vietnamese
from procedures.models import ProcedureVersion
from reports.errors import ReadinessNotFound, ReportErrorCode
from reports.readiness import checks
from reports.readiness.checks import Item, Outcome, State
from reports.readiness.facts import (
    COMMUNE,
    UnitFacts,
    bad_process_q,
    gather,
    in_force_flagged,
    never_published_drafts,
    off_portal_q,
)
from reports.readiness.models import ManualCheck, ManualCheckChange, TrialRun
from signatures.models import Certificate
from signatures.selectors import certificate_list
from units.models import AdministrativeUnit
from units.selectors import province as province_unit

# The lists on a unit's page show this many rows; the page says how many more there are.
DETAIL_ROWS = 30


@dataclass
class ItemResult:
    item: Item
    outcome: Outcome
    check: ManualCheck | None = None
    form: object = None  # the confirmation form of a manual item, for those who may confirm it (views.py)

    @property
    def state(self) -> State:
        return self.outcome.state


@dataclass
class UnitReadiness:
    unit: AdministrativeUnit
    facts: UnitFacts
    results: list[ItemResult]

    @property
    def scope(self) -> str:
        return self.facts.scope

    @property
    def state(self) -> State:
        return checks.worst(result.state for result in self.results)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(result.state for result in self.results)
        return {state.value: counted.get(state, 0) for state in State}

    @property
    def missing(self) -> list[ItemResult]:
        return [result for result in self.results if result.state != State.GREEN]

    @property
    def centre(self):
        return self.facts.centres[0].centre if self.facts.centres else None


@dataclass
class Board:
    province: AdministrativeUnit
    own: UnitReadiness
    communes: list[UnitReadiness]

    @property
    def totals(self) -> dict[str, int]:
        counted = Counter(row.state for row in self.communes)
        return {state.value: counted.get(state, 0) for state in State}


def _evaluated(facts: UnitFacts) -> UnitReadiness:
    results = [ItemResult(item=item, outcome=checks.evaluate(facts, item), check=facts.manual.get(item.key))
               for item in checks.items_for(facts.scope)]
    return UnitReadiness(unit=facts.unit, facts=facts, results=results)


def _province() -> AdministrativeUnit:
    province = province_unit()
    if province is None:
        raise ReadinessNotFound(_("The province is not set up yet."), code=ReportErrorCode.READINESS_UNIT_NOT_FOUND)
    return province


def readiness_board() -> Board:
    """The province's own readiness and every commune's, communes in Vietnamese alphabetical order."""
    province = _province()
    communes = list(AdministrativeUnit.objects.filter(parent=province).order_by(vietnamese("name"), "code"))
    facts = gather([province, *communes])
    return Board(province=province, own=_evaluated(facts[province.pk]),
                 communes=[_evaluated(facts[unit.pk]) for unit in communes])


def unit_get(*, code: str) -> AdministrativeUnit:
    """The province, or one of its communes, by code. Raises ReadinessNotFound."""
    province = _province()
    unit = AdministrativeUnit.objects.filter(Q(pk=province.pk) | Q(parent=province), code=(code or "")[:10]).first()
    if unit is None:
        raise ReadinessNotFound(_("No commune of the province has the code %(code)s.") % {"code": code},
                                code=ReportErrorCode.READINESS_UNIT_NOT_FOUND)
    return unit


def readiness_unit(*, unit: AdministrativeUnit) -> UnitReadiness:
    return _evaluated(gather([unit])[unit.pk])


@dataclass
class ProcedureProblem:
    version: ProcedureVersion
    reasons: list[str]


@dataclass
class Rows:
    """Up to DETAIL_ROWS rows of a list, and how many there are in all."""

    rows: list = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def _rows(queryset) -> Rows:
    rows = list(queryset[:DETAIL_ROWS + 1])
    return Rows(rows=rows[:DETAIL_ROWS], total=len(rows) if len(rows) <= DETAIL_ROWS else queryset.count())


@dataclass
class UnitDetail:
    problems: Rows
    not_received: Rows
    drafts: Rows
    leaders_without_certificate: Rows
    trial_runs: list[TrialRun]
    changes: list[ManualCheckChange]


def unit_detail(readiness: UnitReadiness) -> UnitDetail:
    """The lists behind a unit's gaps: a fixed number of queries."""
    facts = readiness.facts
    centre_ids = [item.centre.pk for item in facts.centres]
    flagged = (in_force_flagged().filter(centres__in=centre_ids).select_related("procedure")
               .order_by("procedure__code").distinct())
    problems = _rows(flagged.filter(off_portal_q() | bad_process_q()))
    problems.rows = [ProcedureProblem(version=v, reasons=_reasons(v)) for v in problems.rows]
    not_received = Rows()
    if facts.scope == COMMUNE and centre_ids:
        not_received = _rows(ProcedureVersion.objects.current().filter(level=ProcedureVersion.Level.COMMUNE)
                             .exclude(centres__in=centre_ids).select_related("procedure").order_by("procedure__code"))
    drafts = _rows(never_published_drafts().filter(centres__in=centre_ids).select_related("procedure")
                   .order_by("procedure__code").distinct())
    valid = certificate_list(status="valid").filter(kind=Certificate.Kind.PERSONAL, holder=OuterRef("pk"))
    leaders = _rows(User.objects.filter(role=User.Role.LEADER, is_active=True, agency__unit=readiness.unit)
                    .exclude(Exists(valid)).select_related("agency").order_by("full_name", "pk"))
    runs = TrialRun.objects.annotate(centre_count=Count("centres")).order_by("-finished_at", "-id")
    if facts.scope == COMMUNE:
        runs = runs.filter(pk__in=TrialRun.centres.through.objects.filter(
            servicecentre__unit=readiness.unit).values("trialrun_id"))
    changes = list(ManualCheckChange.objects.filter(manual_check__unit=readiness.unit)
                   .select_related("manual_check", "by").order_by("-at", "-id")[:20])
    for change in changes:
        item = checks.item_get(change.manual_check.item)
        change.item_label = item.label if item else change.manual_check.item
    return UnitDetail(problems=problems, not_received=not_received, drafts=drafts,
                      leaders_without_certificate=leaders, trial_runs=list(runs[:5]), changes=changes)


def _reasons(version) -> list[str]:
    reasons = []
    if version.dead:
        reasons.append(_("refused by the NPSP (dead letter)"))
    elif version.waiting or not version.sent:
        reasons.append(_("not on the NPSP yet"))
    if version.steps_total is None:
        reasons.append(_("no internal process"))
    elif version.steps_total > version.processing_time:
        reasons.append(_("internal process longer than the legal time"))
    return reasons
