"""The registry of readiness items: each item's label, the units it applies to (the province for its own
centre and agencies, each commune), and the rule that turns a unit's facts (facts.py) into red, amber or
green with the list of what is missing, each with a link to where it is fixed. An item with no rule is
confirmed by a person (a checkbox with a note): only for what no data can show.

The colours mean the same for every item: green, done; amber, it works but something is incomplete or needs
attention; red, missing (the unit cannot go live on this point). A unit is as ready as its worst item."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from accounts.models import User
from portal.dates import datetime_text
from reports.readiness.facts import COMMUNE, PROVINCE, STAFF_ROLES, UnitFacts


class State(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self])

    @property
    def rank(self) -> int:
        return (State.GREEN, State.AMBER, State.RED).index(self)


STATE_LABELS = {
    State.GREEN: pgettext_lazy("readiness state", "Ready"),
    State.AMBER: pgettext_lazy("readiness state", "Needs completing"),
    State.RED: pgettext_lazy("readiness state", "Not ready"),
}


@dataclass(frozen=True)
class Gap:
    """One thing missing, and where it is fixed."""

    text: str
    url: str = ""
    link_text: str = ""


@dataclass(frozen=True)
class Outcome:
    state: State
    summary: str
    gaps: tuple[Gap, ...] = ()


@dataclass(frozen=True)
class Item:
    key: str
    label: Promise
    scopes: frozenset[str]
    rule: Callable[[UnitFacts], Outcome] | None = None  # None: confirmed by a person
    help: Promise | str = ""

    @property
    def manual(self) -> bool:
        return self.rule is None


def worst(states) -> State:
    return max(states, key=lambda state: state.rank, default=State.GREEN)


def _share(ok: int, total: int) -> State:
    """None of them: red; some: amber; all: green."""
    return State.GREEN if ok == total else State.RED if ok == 0 else State.AMBER


def _link(name: str, *args, query: dict | None = None) -> str:
    return reverse(name, args=args) + (f"?{urlencode(query)}" if query else "")


def _centre_link(centre) -> str:
    return _link("admin:units_servicecentre_change", centre.pk)


def _no_centre(facts: UnitFacts) -> Outcome:
    query = {"unit": facts.unit.pk, "level": "province" if facts.scope == PROVINCE else "commune"}
    if facts.main_agency:
        query["agency"] = facts.main_agency.pk
    return Outcome(State.RED, _("No Public Administration Service Centre."), (Gap(
        _("%(unit)s has no Public Administration Service Centre.") % {"unit": facts.unit.display_name},
        _link("admin:units_servicecentre_add", query=query), _("Create the centre")),))


# The centre -----------------------------------------------------------------------------------------------

def centre_published(facts: UnitFacts) -> Outcome:
    if not facts.centres:
        return _no_centre(facts)
    gaps = []
    for c in (item.centre for item in facts.centres):
        if not c.is_published:
            gaps.append(Gap(_("%(centre)s is not published.") % {"centre": c.display_name}, _centre_link(c),
                            _("Publish the centre")))
        if not c.address.strip():
            gaps.append(Gap(_("%(centre)s has no address.") % {"centre": c.display_name}, _centre_link(c),
                            _("Enter the address")))
        if not c.opening_hours.strip():
            gaps.append(Gap(_("%(centre)s has no opening hours.") % {"centre": c.display_name}, _centre_link(c),
                            _("Enter the opening hours")))
    first = facts.centres[0].centre
    summary = (_("Published: %(address)s; %(hours)s") % {
        "address": first.address, "hours": first.display_opening_hours.splitlines()[0] if first.opening_hours else ""})
    return Outcome(State.RED if gaps else State.GREEN, "" if gaps else summary, tuple(gaps))


def hotline(facts: UnitFacts) -> Outcome:
    if not facts.centres:
        return _no_centre(facts)
    gaps = []
    for item in facts.centres:
        c = item.centre
        if not item.hotlines:
            gaps.append(Gap(_("%(centre)s has no hotline.") % {"centre": c.display_name}, _centre_link(c),
                            _("Add the hotline")))
        elif not c.is_published:
            gaps.append(Gap(_("The hotline of %(centre)s is not public while the centre is not published.")
                            % {"centre": c.display_name}, _centre_link(c), _("Publish the centre")))
    system = facts.system
    if system is not None and not system.province_hotlines:
        gaps.append(Gap(_("The province has no province-wide hotline for feedback on administrative procedures."),
                        _link("admin:hotlines_hotline_add"), _("Add the hotline")))
    total = sum(item.hotlines for item in facts.centres)
    summary = ngettext("%(count)d hotline published.", "%(count)d hotlines published.", total) % {"count": total}
    return Outcome(State.RED if gaps else State.GREEN, "" if gaps else summary, tuple(gaps))


# Procedures -----------------------------------------------------------------------------------------------

def _manage(query: dict | None = None) -> str:
    return _link("procedures:manage", query=query)


def procedures_published(facts: UnitFacts) -> Outcome:
    if not facts.centres:
        return _no_centre(facts)
    total = sum(item.procedures for item in facts.centres)
    gaps = []
    for item in facts.centres:
        name = item.centre.display_name
        if not item.procedures:
            gaps.append(Gap(_("No procedure in force is received at %(centre)s.") % {"centre": name}, _manage(),
                            _("Catalogue management")))
        missing = facts.commune_level_in_force - item.commune_level
        if facts.scope == COMMUNE and item.procedures and missing > 0:
            gaps.append(Gap(ngettext(
                "%(count)d commune-level procedure in force is not received at %(centre)s.",
                "%(count)d commune-level procedures in force are not received at %(centre)s.", missing)
                % {"count": missing, "centre": name}, _manage(), _("Catalogue management")))
        if item.drafts:
            gaps.append(Gap(ngettext(
                "%(count)d procedure for %(centre)s is a draft never published.",
                "%(count)d procedures for %(centre)s are drafts never published.", item.drafts)
                % {"count": item.drafts, "centre": name}, _manage({"status": "draft"}), _("Review the drafts")))
    state = State.RED if not total else State.AMBER if gaps else State.GREEN
    summary = ngettext("%(count)d procedure in force.", "%(count)d procedures in force.", total) % {"count": total}
    return Outcome(state, summary, tuple(gaps))


def procedures_on_portal(facts: UnitFacts) -> Outcome:
    total = sum(item.procedures for item in facts.centres)
    if not total:
        return Outcome(State.RED, _("No procedure in force to publish on the National Public Service Portal."))
    off = sum(item.off_portal for item in facts.centres)
    dead = sum(item.dead for item in facts.centres)
    gaps = []
    outbox = _link("nationalportal:outbox")
    if dead:
        gaps.append(Gap(ngettext("The NPSP refused %(count)d publication (a dead letter).",
                                 "The NPSP refused %(count)d publications (dead letters).", dead) % {"count": dead},
                        outbox, _("Resend from the sync page")))
    if off - dead > 0:
        gaps.append(Gap(ngettext("%(count)d procedure in force is not on the NPSP yet.",
                                 "%(count)d procedures in force are not on the NPSP yet.", off - dead)
                        % {"count": off - dead}, outbox, _("Sync with the NPSP")))
    summary = _("%(on)d of %(total)d procedures in force are on the NPSP.") % {"on": total - off, "total": total}
    return Outcome(_share(total - off, total), summary, tuple(gaps))


def internal_processes(facts: UnitFacts) -> Outcome:
    total = sum(item.procedures for item in facts.centres)
    if not total:
        return Outcome(State.RED, _("No procedure in force, so no internal process."))
    none = sum(item.no_process for item in facts.centres)
    over = sum(item.over_time for item in facts.centres)
    gaps = []
    if none:
        gaps.append(Gap(ngettext("%(count)d procedure has no internal process.",
                                 "%(count)d procedures have no internal process.", none) % {"count": none},
                        _manage(), _("Catalogue management")))
    if over:
        gaps.append(Gap(ngettext(
            "The internal process of %(count)d procedure takes longer than its legal processing time.",
            "The internal processes of %(count)d procedures take longer than their legal processing time.", over)
            % {"count": over}, _manage(), _("Catalogue management")))
    summary = _("%(ok)d of %(total)d internal processes within the legal time.") % {
        "ok": total - none - over, "total": total}
    return Outcome(_share(total - none - over, total), summary, tuple(gaps))


# People ---------------------------------------------------------------------------------------------------

ROLE_NAMES = {
    User.Role.OFFICER: gettext_lazy("one-stop officer"),
    User.Role.SPECIALIST: gettext_lazy("specialist"),
    User.Role.LEADER: gettext_lazy("leader"),
    User.Role.CLERK: gettext_lazy("clerk"),
    User.Role.HOTLINE: gettext_lazy("hotline officer"),
}


def staff_accounts(facts: UnitFacts) -> Outcome:
    gaps, counts = [], []
    agency, centre = facts.main_agency, facts.centres[0].centre if facts.centres else None
    for role in STAFF_ROLES[facts.scope]:
        count = facts.staff.get(role, 0)
        counts.append(f"{ROLE_NAMES[role]} {count}")
        if not count:
            query = {"role": role}
            place = centre if role == User.Role.OFFICER and centre else None
            if place or agency:
                query["agency"] = (place.agency_id if place else agency.pk)
            if place:
                query["centre"] = place.pk
            gaps.append(Gap(_("No active account of a %(role)s.") % {"role": ROLE_NAMES[role]},
                            _link("admin:accounts_user_add", query=query), _("Create the account")))
    return Outcome(State.RED if gaps else State.GREEN, _("Accounts: %(counts)s.") % {"counts": ", ".join(counts)},
                   tuple(gaps))


def signing_certificates(facts: UnitFacts) -> Outcome:
    signers = sum(row.signers for row in facts.signers)
    ready = sum(row.ready for row in facts.signers)
    if not signers:
        query = {"role": User.Role.LEADER, **({"agency": facts.main_agency.pk} if facts.main_agency else {})}
        return Outcome(State.RED, _("No leader who signs results has an account."), (Gap(
            _("No leader account: nobody can sign results."), _link("admin:accounts_user_add", query=query),
            _("Create the account")),))
    gaps = []
    if ready < signers:
        gaps.append(Gap(ngettext("%(count)d leader has no valid signing certificate.",
                                 "%(count)d leaders have no valid signing certificate.", signers - ready)
                        % {"count": signers - ready}, _link("signatures:manage"), _("Certificate requests")))
    without = [row.agency for row in facts.signers if not row.organisation_ready]
    for agency in without:
        gaps.append(Gap(_("%(agency)s has no valid agency certificate.") % {"agency": agency.display_name},
                        _link("signatures:request_new"), _("Request the certificate")))
    state = State.RED if not ready or without else State.AMBER if gaps else State.GREEN
    return Outcome(state, _("%(ready)d of %(signers)d leaders hold a valid certificate.")
                   % {"ready": ready, "signers": signers}, tuple(gaps))


# Operation ------------------------------------------------------------------------------------------------

def trial_run(facts: UnitFacts) -> Outcome:
    last, last_ok = facts.trial_last, facts.trial_last_ok
    how = _("Run the trial operation: manage.py simulate")
    if last is None:
        return Outcome(State.RED, _("No trial operation run recorded."), (Gap(how),))
    if last_ok is None:
        return Outcome(State.RED, _("The trial operation run of %(at)s failed its checks.")
                       % {"at": datetime_text(last)}, (Gap(how),))
    if last > last_ok:
        return Outcome(State.AMBER, _("Passed on %(ok)s; the latest run, on %(at)s, failed its checks.")
                       % {"ok": datetime_text(last_ok), "at": datetime_text(last)}, (Gap(how),))
    return Outcome(State.GREEN, _("Trial operation passed on %(at)s.") % {"at": datetime_text(last_ok)})


def document_exchange(facts: UnitFacts) -> Outcome:
    axis = _link("axis:readiness")
    if not facts.axis:
        agency = facts.main_agency
        query = {"direction": "incoming", **({"agency": agency.pk} if agency else {})}
        return Outcome(State.RED, _("No agency of the unit keeps official documents on the axis."), (Gap(
            _("An agency joins the national document axis with an incoming document register."),
            _link("admin:documents_register_add", query=query), _("Create the register")),))
    gaps = []
    for row in facts.axis:
        name = row.agency.display_name
        if not row.connected:
            gaps.append(Gap(_("%(agency)s is not connected to the axis yet.") % {"agency": name}, axis,
                            _("National document axis")))
        elif row.current_error:
            gaps.append(Gap(_("%(agency)s: the last exchange failed (%(error)s).")
                            % {"agency": name, "error": row.current_error[:120]}, axis, _("National document axis")))
        if row.dead:
            gaps.append(Gap(ngettext("%(agency)s: %(count)d message could not be delivered.",
                                     "%(agency)s: %(count)d messages could not be delivered.", row.dead)
                            % {"agency": name, "count": row.dead}, axis, _("Resend")))
    connected = sum(1 for row in facts.axis if row.connected and not row.current_error)
    last = max((row.last_success_at for row in facts.axis if row.last_success_at), default=None)
    summary = (_("Last successful exchange: %(at)s.") % {"at": datetime_text(last)} if last
               else _("No exchange over the axis yet."))
    state = State.RED if not connected else State.AMBER if gaps else State.GREEN
    return Outcome(state, summary, tuple(gaps))


def npsp_reachable(facts: UnitFacts) -> Outcome:
    system, outbox = facts.system, _link("nationalportal:outbox")
    if system.npsp_last_success is None:
        return Outcome(State.RED, _("No successful call to the National Public Service Portal yet."), (Gap(
            _("Nothing has reached the NPSP: check the link's address and key."), outbox,
            _("Sync with the NPSP")),))
    gaps = []
    if system.npsp_failing:
        gaps.append(Gap(ngettext("%(count)d message to the NPSP is failing and being retried.",
                                 "%(count)d messages to the NPSP are failing and being retried.", system.npsp_failing)
                        % {"count": system.npsp_failing}, outbox, _("Sync with the NPSP")))
    if system.npsp_dead:
        gaps.append(Gap(ngettext("%(count)d message to the NPSP is a dead letter.",
                                 "%(count)d messages to the NPSP are dead letters.", system.npsp_dead)
                        % {"count": system.npsp_dead}, outbox, _("Resend from the sync page")))
    return Outcome(State.AMBER if gaps else State.GREEN, _("Last successful call: %(at)s.")
                   % {"at": datetime_text(system.npsp_last_success)}, tuple(gaps))


def population_reachable(facts: UnitFacts) -> Outcome:
    system = facts.system
    if system.population_last_success is None:
        return Outcome(State.RED, _("No identity lookup has been answered by the national population database yet."),
                       (Gap(_("The first lookup is made by a one-stop officer at the counter, with the applicant's "
                              "consent.")),))
    summary = _("Last successful lookup: %(at)s.") % {"at": datetime_text(system.population_last_success)}
    if system.population_last_failure:
        return Outcome(State.AMBER, summary, (Gap(
            _("The latest lookup, on %(at)s, was not answered.") % {"at": datetime_text(system.population_last_failure)},
            _link("nationalportal:outbox"), _("National Public Service Portal")),))
    return Outcome(State.GREEN, summary)


BOTH = frozenset({PROVINCE, COMMUNE})
ONLY_PROVINCE = frozenset({PROVINCE})

ITEMS: tuple[Item, ...] = (
    Item("centre", gettext_lazy("The centre's address and opening hours published"), BOTH, centre_published),
    Item("hotline", gettext_lazy("Hotline published"), BOTH, hotline),
    Item("procedures", gettext_lazy("Administrative procedures published"), BOTH, procedures_published),
    Item("procedures_npsp", gettext_lazy("Procedures on the National Public Service Portal"), BOTH,
         procedures_on_portal),
    Item("processes", gettext_lazy("Internal processes within the legal processing time"), BOTH, internal_processes),
    Item("staff", gettext_lazy("Officials' accounts for every role"), BOTH, staff_accounts),
    Item("certificates", gettext_lazy("Signing certificates for every official who signs"), BOTH,
         signing_certificates),
    Item("trial", gettext_lazy("Trial operation run"), BOTH, trial_run),
    Item("axis", gettext_lazy("Connected to the national document axis"), BOTH, document_exchange),
    Item("npsp", gettext_lazy("National Public Service Portal reachable"), ONLY_PROVINCE, npsp_reachable),
    Item("population", gettext_lazy("National population database reachable"), ONLY_PROVINCE,
         population_reachable),
    # The portal has no setting for the EMC monitoring code (a script on every public page), so a person
    # confirms it is embedded (domain/indicators-766.md: unconnected portals are not evaluated).
    Item("emc", gettext_lazy("EMC monitoring code on every public page"), ONLY_PROVINCE,
         help=gettext_lazy("The tracking code of the Ministry's system that measures digital government services "
                           "(Decree 42/2022/NĐ-CP) is embedded in the portal's public pages.")),
    Item("equipment", gettext_lazy("Equipment at the one-stop section"), BOTH,
         help=gettext_lazy("Computers, scanners, printers, queue and rating devices installed and working.")),
    Item("training", gettext_lazy("Officials trained on the system"), BOTH,
         help=gettext_lazy("The officials who receive, resolve and sign dossiers have been trained on the portal.")),
)
_BY_KEY = {item.key: item for item in ITEMS}


def items_for(scope: str) -> list[Item]:
    return [item for item in ITEMS if scope in item.scopes]


def item_get(key: str) -> Item | None:
    return _BY_KEY.get(key)


def manual_outcome(facts: UnitFacts, item: Item) -> Outcome:
    check = facts.manual.get(item.key)
    if check is None or not check.done:
        return Outcome(State.RED, _("Not confirmed yet."))
    return Outcome(State.GREEN, _("Confirmed by %(name)s on %(at)s.")
                   % {"name": check.updated_by, "at": datetime_text(check.updated_at)})


def evaluate(facts: UnitFacts, item: Item) -> Outcome:
    return manual_outcome(facts, item) if item.manual else item.rule(facts)
