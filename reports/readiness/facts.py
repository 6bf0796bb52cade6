"""What the readiness items are computed from: for each unit (the province for its own centre and agencies,
each commune for its centre and People's Committee) the facts read from the other apps, in a fixed number of
grouped queries whatever the number of communes. The rules that turn facts into red, amber or green are in
checks.py; the lists behind a unit's page (which procedure, which official) are in details.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Concat

from accounts.models import User
from axis import connections as axis_connections
from axis import selectors as axis_selectors
from dossiers.models import RegistryLookup
from hotlines.selectors import province_hotlines
from nationalportal.destination import NpspDestination
from nationalportal.selectors import RECONCILE_JOB
from outbox.models import OutboxMessage
from portal.models import Job
from procedures.models import InternalProcessStep, Procedure, ProcedureEvent, ProcedureVersion
from reports.readiness.models import ManualCheck, TrialRun
from signatures import selectors as signature_selectors
from units.models import AdministrativeUnit, Agency, ServiceCentre

PROVINCE, COMMUNE = "province", "commune"
# The accounts a unit needs before it receives its first dossier (DESIGN.md §2): the province also answers the
# hotline.
STAFF_ROLES = {
    COMMUNE: (User.Role.OFFICER, User.Role.SPECIALIST, User.Role.LEADER, User.Role.CLERK),
    PROVINCE: (User.Role.OFFICER, User.Role.SPECIALIST, User.Role.LEADER, User.Role.CLERK, User.Role.HOTLINE),
}


@dataclass
class CentreFacts:
    """A service centre and the procedures in force that it receives and returns."""

    centre: ServiceCentre
    hotlines: int = 0  # active hotlines of the centre (public while the centre is published)
    procedures: int = 0  # versions in force received here
    commune_level: int = 0  # ... of them, commune-level
    off_portal: int = 0  # ... whose publication the NPSP has not taken (waiting, dead, or never sent)
    dead: int = 0  # ... whose publication is a dead letter
    no_process: int = 0  # ... with no internal process
    over_time: int = 0  # ... whose internal process takes longer than the legal processing time
    drafts: int = 0  # procedures never published that list this centre


@dataclass
class SystemFacts:
    """The province's links to the national systems (the last successful call, from the records they leave)."""

    npsp_last_success: dt.datetime | None
    npsp_failing: int  # NPSP messages being retried now
    npsp_dead: int
    population_last_success: dt.datetime | None
    population_last_failure: dt.datetime | None  # only when it came after the last success
    province_hotlines: int = 0  # active province-wide hotlines


@dataclass
class UnitFacts:
    unit: AdministrativeUnit
    scope: str  # PROVINCE or COMMUNE
    centres: list[CentreFacts] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    commune_level_in_force: int = 0  # in the whole province
    staff: dict[str, int] = field(default_factory=dict)  # active accounts by role
    signers: list[signature_selectors.AgencyReadiness] = field(default_factory=list)
    trial_last: dt.datetime | None = None
    trial_last_ok: dt.datetime | None = None
    axis: list[axis_selectors.AgencyReadiness] = field(default_factory=list)
    manual: dict[str, ManualCheck] = field(default_factory=dict)
    system: SystemFacts | None = None

    @property
    def main_agency(self) -> Agency | None:
        """The agency new accounts of the unit usually belong to: its People's Committee, else its first."""
        return next((a for a in self.agencies if a.is_people_committee), None) or next(iter(self.agencies), None)


def scope_of(unit: AdministrativeUnit) -> str:
    return PROVINCE if unit.is_provincial else COMMUNE


def gather(units: list[AdministrativeUnit]) -> dict[int, UnitFacts]:
    """The facts of ``units`` (the province and / or communes), by unit id."""
    facts = {unit.pk: UnitFacts(unit=unit, scope=scope_of(unit)) for unit in units}
    ids = list(facts)
    _centres(facts, ids)
    _agencies(facts, ids)
    _staff(facts, ids)
    _signers(facts)
    _trial_runs(facts, ids)
    _axis(facts, ids)
    for check in ManualCheck.objects.filter(unit_id__in=ids).select_related("updated_by"):
        facts[check.unit_id].manual[check.item] = check
    provincial = [f for f in facts.values() if f.scope == PROVINCE]
    if provincial:
        system = system_facts()
        for unit_facts in provincial:
            unit_facts.system = system
    return facts


# Procedures -----------------------------------------------------------------------------------------------

def in_force_flagged() -> QuerySet[ProcedureVersion]:
    """The versions in force, each with what the board asks of it: ``steps_total`` (None without an internal
    process), ``waiting`` and ``dead`` (its publication not yet taken by the NPSP) and ``sent`` (published
    through the catalogue's service, which writes the NPSP's message in the same transaction as the
    publication event). Undelivered messages are read from the outbox's partial index; delivered ones are
    never scanned (they are most of the outbox), so a version is on the NPSP when it was sent and nothing of
    it is left undelivered."""
    steps = (InternalProcessStep.objects.filter(version=OuterRef("pk")).order_by().values("version")
             .annotate(total=Sum("duration")).values("total"))
    message = OutboxMessage.objects.filter(
        topic=OutboxMessage.Topic.PROCEDURE, subject=Concat(Value("procedure:"), OuterRef("procedure__code")),
        sequence=OuterRef("number")).exclude(status=OutboxMessage.Status.DELIVERED)
    published = ProcedureEvent.objects.filter(version=OuterRef("pk"), kind=ProcedureEvent.Kind.PUBLISHED)
    return ProcedureVersion.objects.current().annotate(
        steps_total=Subquery(steps), sent=Exists(published), waiting=Exists(message),
        dead=Exists(message.filter(status=OutboxMessage.Status.DEAD)))


def off_portal_q() -> Q:
    return Q(sent=False) | Q(waiting=True)


def bad_process_q() -> Q:
    return Q(steps_total__isnull=True) | Q(steps_total__gt=F("processing_time"))


def never_published_drafts() -> QuerySet[ProcedureVersion]:
    return ProcedureVersion.objects.filter(status=ProcedureVersion.Status.DRAFT).exclude(
        procedure__in=Procedure.objects.filter(versions__status=ProcedureVersion.Status.PUBLISHED))


def _centres(facts: dict[int, UnitFacts], ids: list[int]) -> None:
    centres = list(ServiceCentre.objects.filter(unit_id__in=ids).select_related("unit").annotate(
        active_hotlines=Count("hotlines", filter=Q(hotlines__is_active=True))).order_by("level", "name"))
    by_id = {}
    for centre in centres:
        by_id[centre.pk] = CentreFacts(centre=centre, hotlines=centre.active_hotlines)
        facts[centre.unit_id].centres.append(by_id[centre.pk])
    flagged = in_force_flagged()
    through = ProcedureVersion.centres.through
    # Each set is one hashed subplan: the versions in force are read once per set, not once per centre.
    rows = (through.objects.filter(servicecentre_id__in=list(by_id), procedureversion_id__in=flagged.values("pk"))
            .values("servicecentre_id").order_by().annotate(
                procedures=Count("pk"),
                commune_level=Count("pk", filter=Q(procedureversion__level=ProcedureVersion.Level.COMMUNE)),
                off_portal=Count("pk", filter=Q(procedureversion_id__in=flagged.filter(off_portal_q()).values("pk"))),
                dead=Count("pk", filter=Q(procedureversion_id__in=flagged.filter(dead=True).values("pk"))),
                no_process=Count("pk", filter=Q(procedureversion_id__in=flagged.filter(
                    steps_total__isnull=True).values("pk"))),
                over_time=Count("pk", filter=Q(procedureversion_id__in=flagged.filter(
                    steps_total__gt=F("processing_time")).values("pk")))))
    for row in rows:
        centre = by_id[row.pop("servicecentre_id")]
        for name, value in row.items():
            setattr(centre, name, value)
    drafts = (through.objects.filter(servicecentre_id__in=list(by_id),
                                     procedureversion_id__in=never_published_drafts().values("pk"))
              .values("servicecentre_id").order_by().annotate(n=Count("pk")))
    for row in drafts:
        by_id[row["servicecentre_id"]].drafts = row["n"]
    commune_level = ProcedureVersion.objects.current().filter(level=ProcedureVersion.Level.COMMUNE).count()
    for unit_facts in facts.values():
        unit_facts.commune_level_in_force = commune_level


# People ---------------------------------------------------------------------------------------------------

def _agencies(facts: dict[int, UnitFacts], ids: list[int]) -> None:
    for agency in Agency.objects.filter(unit_id__in=ids).order_by("-is_people_committee", "code"):
        facts[agency.unit_id].agencies.append(agency)


def _staff(facts: dict[int, UnitFacts], ids: list[int]) -> None:
    """Active accounts by role; a one-stop officer counts where their centre is, the others where their agency is."""
    # Read through the indexed agency and centre keys: the accounts table is mostly citizens.
    mine = (Q(agency_id__in=Agency.objects.filter(unit_id__in=ids).values("pk"))
            | Q(centre_id__in=ServiceCentre.objects.filter(unit_id__in=ids).values("pk")))
    rows = (User.objects.filter(mine, is_active=True).exclude(role__in=(User.Role.CITIZEN, User.Role.ADMIN))
            .annotate(place=Coalesce("centre__unit_id", "agency__unit_id")).filter(place__in=ids)
            .values("place", "role").order_by().annotate(n=Count("pk")))
    for row in rows:
        facts[row["place"]].staff[row["role"]] = row["n"]


def _signers(facts: dict[int, UnitFacts]) -> None:
    """signatures' own readiness (leaders with a valid certificate, the agency's certificate), by unit."""
    for row in signature_selectors.readiness():
        if row.agency.unit_id in facts:
            facts[row.agency.unit_id].signers.append(row)


def _trial_runs(facts: dict[int, UnitFacts], ids: list[int]) -> None:
    """The last run, and the last that passed, in which a centre of the commune took part; for the province,
    any run (it is the province's trial operation)."""
    last, last_ok = Max("trialrun__finished_at"), Max("trialrun__finished_at", filter=Q(trialrun__ok=True))
    rows = (TrialRun.centres.through.objects.filter(servicecentre__unit_id__in=ids)
            .values(unit=F("servicecentre__unit_id")).order_by().annotate(last=last, last_ok=last_ok))
    for row in rows:
        if facts[row["unit"]].scope == COMMUNE:
            facts[row["unit"]].trial_last, facts[row["unit"]].trial_last_ok = row["last"], row["last_ok"]
    provincial = [f for f in facts.values() if f.scope == PROVINCE]
    if provincial:
        overall = TrialRun.objects.aggregate(last=Max("finished_at"), last_ok=Max("finished_at", filter=Q(ok=True)))
        for unit_facts in provincial:
            unit_facts.trial_last, unit_facts.trial_last_ok = overall["last"], overall["last_ok"]


def _axis(facts: dict[int, UnitFacts], ids: list[int]) -> None:
    """The axis app's own readiness rows for the unit's agencies that keep official documents."""
    for row in axis_selectors.readiness(axis_connections.agencies_on_axis().filter(unit_id__in=ids)):
        facts[row.agency.unit_id].axis.append(row)


# The national systems -------------------------------------------------------------------------------------

def system_facts() -> SystemFacts:
    npsp_topics = sorted(NpspDestination.topics)
    delivered = (OutboxMessage.objects.filter(status=OutboxMessage.Status.DELIVERED, topic__in=npsp_topics)
                 .order_by("-delivered_at").values_list("delivered_at", flat=True).first())
    # A reconciliation that finished asked the NPSP too, even when nothing was sent for a while.
    reconciled = (Job.objects.filter(kind=RECONCILE_JOB, status=Job.Status.SUCCEEDED)
                  .order_by("-finished_at").values_list("finished_at", flat=True).first())
    undelivered = OutboxMessage.objects.filter(topic__in=npsp_topics).exclude(
        status=OutboxMessage.Status.DELIVERED).aggregate(
        failing=Count("pk", filter=Q(status=OutboxMessage.Status.PENDING, attempts__gt=0)),
        dead=Count("pk", filter=Q(status=OutboxMessage.Status.DEAD)))
    # Lookups are recorded in the order they happen, so the newest by id is the latest: both reads walk the
    # primary key's index back from the end (the log has no index on its time alone), the second only over
    # what came after the last answer.
    lookups = RegistryLookup.objects.order_by("-pk")
    answered = lookups.exclude(outcome=RegistryLookup.Outcome.UNAVAILABLE).values_list("pk", "at").first()
    after = lookups.filter(pk__gt=answered[0]) if answered else lookups
    failed = after.filter(outcome=RegistryLookup.Outcome.UNAVAILABLE).values_list("at", flat=True).first()
    return SystemFacts(province_hotlines=province_hotlines().count(), npsp_last_success=max(filter(None, (delivered, reconciled)), default=None),
                       npsp_failing=undelivered["failing"], npsp_dead=undelivered["dead"],
                       population_last_success=answered[1] if answered else None,
                       population_last_failure=failed)

