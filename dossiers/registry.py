"""Điền thông tin từ Cơ sở dữ liệu quốc gia về dân cư: the applicant's identity looked up by CCCD, with
their consent, through the population source the NPSP link registers at start-up
(``population_source_register``, filled by nationalportal), and the signed record that
lets the dossier services know, when the form comes back, which fields still hold the registry's values.

The lookup answers quickly or not at all (``NPSP_LOOKUP_TIMEOUT_SECONDS``): a person at a form or a
counter must never wait on a slow national service, and typing by hand always works. The record travels
through the browser as a token signed with ``django.core.signing`` (cccd, name, address, time), so the
portal keeps no copy of the lookup and a changed or forged token simply counts for nothing."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.cccd import normalize_cccd, validate_cccd_structure
from accounts.models import User
from dossiers.models import RegistryLookup
from portal.text import nfc

logger = logging.getLogger(__name__)

SALT = "dossiers.registry.record"
# Long enough to finish a form or a counter intake, short enough that an old lookup is not trusted.
TOKEN_MAX_AGE = dt.timedelta(hours=1)
# The dossier's applicant fields the registry fills, and the record's key for each.
FILLED = {"applicant_name": "name", "applicant_address": "address"}


class RegistryUnavailable(Exception):
    """The population database could not answer (slow, down, refused, or an answer that is not a record)."""


# cccd, timeout -> the record (dict) or None when the number is unknown; raises RegistryUnavailable.
PopulationSource = Callable[[str, float], "dict | None"]
_source: PopulationSource | None = None


def population_source_register(source: PopulationSource) -> None:
    """Where lookups go: the integration that reaches the national population database registers itself
    here in its AppConfig.ready() (dossiers knows no integration)."""
    global _source
    _source = source


@dataclass(frozen=True)
class Lookup:
    """The outcome of one lookup, as the form shows it.

    ``status``: found, not_found (no such number in the registry), unavailable (slow, down, refused),
    invalid (the number itself is wrong), no_consent, not_own (a citizen asked about someone else),
    mismatch (the registry's date of birth is not the account's) or limited; ``values`` and ``token`` only
    when found."""

    status: str
    message: str
    values: dict[str, str] = field(default_factory=dict)
    token: str = ""

    @property
    def found(self) -> bool:
        return self.status == "found"


def _clean(value) -> str:
    return " ".join(nfc(str(value or "")).split())


def may_look_up(user: User) -> bool:
    """Citizens (their own number) and one-stop officers at a centre's counter (a walk-in's, with consent)."""
    return user.is_authenticated and (not user.is_official or (user.role == User.Role.OFFICER and bool(user.centre_id)))


def registry_lookup(*, user: User, cccd: str, consent: bool) -> Lookup:
    """Look the number up for ``user``, only with consent; never raises for the registry's troubles.

    A citizen may look up only the number of their own account, and is given the record only when its
    date of birth is their account's: the number on a local account is typed by its owner, so a number
    alone does not prove whose it is. Filing for a relative, they type the relative's details (a check of
    the relative's own consent, by a code sent to the relative's phone, comes with the SMS gateway); a
    one-stop officer at the counter may look up the walk-in applicant who consents in person. Every
    lookup that reaches the registry is recorded (RegistryLookup)."""
    if not consent:
        return Lookup("no_consent", _("Tick the consent box first: the national population database is only "
                                      "consulted with the applicant's consent."))
    number = normalize_cccd(cccd or "")
    try:
        validate_cccd_structure(number)
    except ValidationError as error:
        return Lookup("invalid", " ".join(error.messages))
    citizen = not user.is_official
    if citizen and number != user.cccd:
        return Lookup("not_own", _("You can look up only your own identity (the CCCD number of your account). For "
                                   "someone else, enter their details by hand; the one-stop officer at a centre "
                                   "can look them up with that person present."))
    try:
        if _source is None:
            raise RegistryUnavailable("no population source is registered")
        record = _source(number, settings.NPSP_LOOKUP_TIMEOUT_SECONDS)
    except RegistryUnavailable as error:
        logger.warning("registry lookup failed: %s", error)
        _record(user, number, RegistryLookup.Outcome.UNAVAILABLE)
        return Lookup("unavailable", _("The national population database is not answering right now. Enter the "
                                       "details by hand; you can try the lookup again later."))
    if not isinstance(record, dict) or not _clean(record.get("full_name")):
        _record(user, number, RegistryLookup.Outcome.NOT_FOUND)
        return Lookup("not_found", _("No one with CCCD number %(cccd)s was found in the national population "
                                     "database. Check the number, or enter the details by hand.") % {"cccd": number})
    if citizen and str(record.get("date_of_birth") or "") != (user.date_of_birth.isoformat()
                                                              if user.date_of_birth else "-"):
        _record(user, number, RegistryLookup.Outcome.MISMATCH)
        return Lookup("mismatch", _("The national population database does not hold the date of birth of your "
                                    "account for this number, so its details are not shown. Enter them by hand, "
                                    "or ask at a public administration service centre."))
    _record(user, number, RegistryLookup.Outcome.FOUND)
    signed = {"cccd": number, "name": _clean(record.get("full_name")),
              "address": _clean(record.get("permanent_address")), "at": timezone.now().isoformat()}
    values = {name: signed[key] for name, key in FILLED.items()}
    return Lookup("found", _("Filled from the national population database: check the details before you "
                             "continue."), values=values, token=signing.dumps(signed, salt=SALT, compress=True))


def _record(user: User, cccd: str, outcome: str) -> None:
    RegistryLookup.objects.create(user=user, cccd=cccd, outcome=outcome)


@dataclass(frozen=True)
class Provenance:
    """What a dossier records: the fields from the registry and when it was consulted."""

    fields: list[str]
    checked_at: dt.datetime | None


NOTHING = Provenance(fields=[], checked_at=None)


def registry_record(token: str) -> dict | None:
    """The signed record, or None when the token is missing, changed, forged or too old."""
    if not token:
        return None
    try:
        record = signing.loads(token, salt=SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return record if isinstance(record, dict) else None


def registry_provenance(*, token: str, cccd: str, values: dict[str, str]) -> Provenance:
    """Which of ``values`` (applicant field → submitted value) are the signed record's for this CCCD."""
    record = registry_record(token)
    if record is None or record.get("cccd") != normalize_cccd(cccd or ""):
        return NOTHING
    try:
        checked_at = dt.datetime.fromisoformat(record["at"])
    except (KeyError, TypeError, ValueError):
        return NOTHING
    fields = [name for name, key in FILLED.items()
              if _clean(record.get(key)) and _clean(values.get(name)) == _clean(record.get(key))]
    return Provenance(fields=fields, checked_at=checked_at)


def applicant_values(dossier) -> dict[str, str]:
    """The dossier's identity fields as saved, to compare with what a draft's next save brings."""
    return {name: getattr(dossier, name) for name in ("applicant_cccd", *FILLED)}


def registry_fields_record(*, dossier, token: str, previous: dict[str, str] | None = None) -> None:
    """Set ``registry_fields`` and ``registry_checked_at`` on a dossier whose applicant fields were just
    applied (the services save it). A valid token decides; without one, a draft saved again keeps the
    fields it had recorded whose values (and CCCD) did not change since (``previous``). Never raises:
    a bad token only means nothing is recorded as from the registry."""
    values = {name: getattr(dossier, name) for name in FILLED}
    provenance = registry_provenance(token=token, cccd=dossier.applicant_cccd, values=values)
    if provenance.checked_at is None and previous:
        same_person = previous.get("applicant_cccd") == dossier.applicant_cccd
        kept = [name for name in (dossier.registry_fields or [])
                if same_person and name in FILLED and previous.get(name) == values[name]]
        provenance = Provenance(fields=kept, checked_at=dossier.registry_checked_at if kept else None)
    dossier.registry_fields, dossier.registry_checked_at = provenance.fields, provenance.checked_at
