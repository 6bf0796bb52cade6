"""The Decision 766 indicator set (Bộ chỉ số phục vụ người dân, doanh nghiệp): each indicator once, with its
group, its formula over the period's figures, its threshold and its points.

The formulas, thresholds and the groups' maxima are the published ones (../shared/domain/indicators-766.md).
How a group's points are shared among its indicators is **not** published: the shares here are ours, chosen
from the press summaries (2.1 carries all 20 points of its group; 5.4 six of the 18 of its group) and one
vendor's split of the payment group (2 + 2 + 6, full at 80 % / 80 % / 30 %), which is itself unconfirmed.
They are data in this one table, to be corrected when the national system's weights are known."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from reports.indicators.catalogue import Catalogue, Petitions, catalogue, petitions
from reports.indicators.figures import Figures, Scope, figures
from reports.indicators.periods import Period

CENT = Decimal("0.01")


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def percent(numerator: int, denominator: int) -> Decimal | None:
    """A share in per cent, two decimals; None when there is nothing to divide by."""
    return rounded(Decimal(100 * numerator) / denominator) if denominator else None


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int
    factor: Decimal | None = None  # 3.3: the online share is multiplied by the sync rate
    complement: bool = False       # 5.4: 100 % less the sum of two rates, given as ``factor``

    @property
    def rate(self) -> Decimal | None:
        if self.complement:
            return self.factor
        if not self.denominator:
            return None
        rate = Decimal(self.numerator) / Decimal(self.denominator)
        return rate * self.factor if self.factor is not None else rate


@dataclass(frozen=True)
class Inputs:
    figures: Figures
    catalogue: Catalogue
    petitions: Petitions


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    points: int
    short: str = ""  # for a chart's axis on a phone


GROUPS = (
    Group("CKMB", _("Publicity and transparency"), 18, _("Publicity")),
    Group("TDGQ", _("Progress and results of resolution"), 20, _("Progress")),
    Group("CLGQ", _("Online public services"), 12, _("Online services")),
    Group("TTTT", _("Online payment"), 10, _("Payment")),
    Group("MDSH", _("Digitisation of dossiers"), 22, _("Digitisation")),
    Group("MDHL", _("Satisfaction"), 18, _("Satisfaction")),
)


@dataclass(frozen=True)
class Indicator:
    code: str
    group: str
    name: str
    points: Decimal
    measure: Callable[[Inputs], Ratio | None]
    full_at: Decimal = Decimal(1)  # the rate at and above which the indicator earns all its points
    drill: str = ""                 # the dossiers behind it (reports.indicators.drill)
    unavailable: str = ""           # why the portal cannot compute it yet (nothing is filled in)
    shown_as: str = "rate"          # "rate", "days" (2.2) or "counts" (5.1)


def _sync(i: Inputs) -> Ratio:
    return Ratio(i.figures.synced, i.figures.received)


def _online(i: Inputs) -> Ratio:
    f = i.figures
    sync = Decimal(f.synced) / Decimal(f.received) if f.received else None
    return Ratio(f.received_online, f.received, factor=sync)


def satisfaction(i: Inputs) -> Ratio:
    """5.4: 100 % less the late rate and the rate of dossiers complained about."""
    f = i.figures
    if not f.counted:
        return Ratio(0, 0)
    late = Decimal(f.late) / Decimal(f.counted)
    complained = Decimal(f.complained) / Decimal(f.ended) if f.ended else Decimal(0)
    return Ratio(f.counted - f.late, f.counted, factor=max(Decimal(0), 1 - late - complained), complement=True)


NO_REUSE = _("The portal does not yet record which papers were reused from digitised data (DuocSoHoa).")
NO_STORE = _("The portal is not yet linked to the citizen's data store on the national portal (DuocLayTuKhoDMQG).")

INDICATORS = (
    Indicator("1.1", "CKMB", _("Procedures announced on time"), Decimal(4),
              lambda i: Ratio(i.catalogue.decided_on_time, i.catalogue.decided)),
    Indicator("1.2", "CKMB", _("Procedures made public on time"), Decimal(4),
              lambda i: Ratio(i.catalogue.made_public_on_time, i.catalogue.made_public)),
    Indicator("1.3", "CKMB", _("Procedures published with all their parts"), Decimal(4),
              lambda i: Ratio(i.catalogue.complete, i.catalogue.in_force)),
    Indicator("1.4", "CKMB", _("Dossiers synced to the National Public Service Portal"), Decimal(6), _sync,
              drill="not_synced"),
    Indicator("2.1", "TDGQ", _("Dossiers resolved early or on time"), Decimal(20),
              lambda i: Ratio(i.figures.on_time, i.figures.counted), drill="late"),
    Indicator("2.2", "TDGQ", _("Average time to resolve (days)"), Decimal(0),
              lambda i: Ratio(i.figures.ended_seconds, i.figures.ended * 86400), shown_as="days", drill="ended"),
    Indicator("3.1", "CLGQ", _("Procedures offered as online public services"), Decimal(4),
              lambda i: Ratio(i.catalogue.online, i.catalogue.in_force), full_at=Decimal("0.8")),
    Indicator("3.2", "CLGQ", _("Online public services with dossiers"), Decimal(4),
              lambda i: Ratio(i.catalogue.online_used, i.catalogue.online)),
    Indicator("3.3", "CLGQ", _("Dossiers submitted online (times the sync rate)"), Decimal(4), _online,
              full_at=Decimal("0.5"), drill="online"),
    Indicator("3.5", "TTTT", _("Procedures with fees payable online"), Decimal(4),
              lambda i: Ratio(i.catalogue.with_fee_online, i.catalogue.with_fee), full_at=Decimal("0.8")),
    Indicator("3.6", "TTTT", _("Dossiers with fees paid online"), Decimal(6),
              lambda i: Ratio(i.figures.paid_online, i.figures.fee_bearing), full_at=Decimal("0.3"),
              drill="not_paid"),
    Indicator("4.1", "MDSH", _("Dossiers with an electronic result"), Decimal(4),
              lambda i: Ratio(i.figures.resolved_paper_file, i.figures.resolved_paper), drill="no_result_file"),
    Indicator("4.2", "MDSH", _("Dossiers digitised"), Decimal(6),
              lambda i: Ratio(i.figures.digitised, i.figures.ended), full_at=Decimal("0.8"), drill="not_digitised"),
    Indicator("4.3", "MDSH", _("Digitised data reused"), Decimal(6), lambda i: None, full_at=Decimal("0.8"),
              unavailable=NO_REUSE),
    Indicator("4.4", "MDSH", _("Digitised dossiers linked to the citizen's data store"), Decimal(3),
              lambda i: None, unavailable=NO_STORE),
    Indicator("4.5", "MDSH", _("Applicants authenticated with the national identity or population data"),
              Decimal(3), lambda i: Ratio(i.figures.identity, i.figures.received), drill="no_identity"),
    Indicator("5.1", "MDHL", _("Feedback and petitions by class"), Decimal(0),
              lambda i: Ratio(i.petitions.regulation, i.petitions.regulation + i.petitions.conduct),
              shown_as="counts"),
    Indicator("5.2", "MDHL", _("Feedback and petitions handled on time"), Decimal(6),
              lambda i: Ratio(i.petitions.handled_on_time, i.petitions.handled)),
    Indicator("5.3", "MDHL", _("Satisfaction with the handling of feedback and petitions"), Decimal(6),
              lambda i: Ratio(i.petitions.answered_well, i.petitions.answered)),
    Indicator("5.4", "MDHL", _("Satisfaction with the resolution of procedures"), Decimal(6), satisfaction,
              full_at=Decimal("0.9"), drill="complained"),
)


@dataclass(frozen=True)
class Value:
    indicator: Indicator
    ratio: Ratio | None

    @property
    def rate(self) -> Decimal | None:
        """The rate in per cent, two decimals; None when there is nothing to divide by (N/A)."""
        rate = self.ratio.rate if self.ratio else None
        return rounded(rate * 100) if rate is not None else None

    @property
    def days(self) -> Decimal | None:
        return rounded(self.ratio.rate) if self.ratio and self.ratio.rate is not None else None

    @property
    def points(self) -> Decimal | None:
        """Full points at or above the threshold, else rate × points ÷ threshold; None for N/A."""
        indicator = self.indicator
        if not indicator.points or self.ratio is None or self.ratio.rate is None:
            return None
        rate = self.ratio.rate
        if rate >= indicator.full_at:
            return rounded(indicator.points)
        return rounded(rate * indicator.points / indicator.full_at)


@dataclass(frozen=True)
class GroupScore:
    group: Group
    values: list[Value]

    @property
    def points(self) -> Decimal:
        return sum((v.points for v in self.values if v.points is not None), Decimal(0))

    @property
    def points_possible(self) -> Decimal:
        """The points of the indicators that could be computed: an N/A one neither earns nor loses."""
        return sum((v.indicator.points for v in self.values if v.points is not None), Decimal(0))


@dataclass(frozen=True)
class Scorecard:
    scope: Scope
    period: Period
    until: dt.date
    figures: Figures
    groups: list[GroupScore]

    @property
    def points(self) -> Decimal:
        return sum((g.points for g in self.groups), Decimal(0))

    @property
    def points_possible(self) -> Decimal:
        return sum((g.points_possible for g in self.groups), Decimal(0))

    def value(self, code: str) -> Value:
        return next(v for g in self.groups for v in g.values if v.indicator.code == code)


def scorecard(scope: Scope, period: Period, *, today: dt.date | None = None,
              figures_of: Figures | None = None) -> Scorecard:
    inputs = Inputs(figures=figures_of or figures(scope, period, today=today),
                    catalogue=catalogue(scope, period, today=today), petitions=petitions(scope, period, today=today))
    groups = [GroupScore(group, [Value(i, i.measure(inputs)) for i in INDICATORS if i.group == group.code])
              for group in GROUPS]
    return Scorecard(scope=scope, period=period, until=period.until(today), figures=inputs.figures, groups=groups)
