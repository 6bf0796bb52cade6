"""Tra cứu hồ sơ as a visitor gets it, for the page and the API alike: the dossier by its code, and whether
the visitor may see the applicant's (masked) name — the applicant logged in, or anyone who also gives the
last four digits of the applicant's CCCD or phone (dossiers.disclosure). Guessing those digits is limited
per dossier code (``DOSSIER_LOOKUP_DIGITS_RATE``), on top of the per-address limit of every lookup."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from accounts.models import User
from dossiers.disclosure import lookup_shows_applicant
from dossiers.models import Dossier
from dossiers.selectors import DossierLookup, dossier_lookup
from portal.ratelimit import usage as rate_usage


@dataclass(frozen=True)
class PublicLookup:
    lookup: DossierLookup
    shows_applicant: bool
    digits: str  # "" (none given), "ok", "wrong" or "limited"

    @property
    def applicant(self) -> str | None:
        return self.lookup.applicant if self.shows_applicant else None


def _digits_rate(group: str, request: HttpRequest) -> str:
    return settings.DOSSIER_LOOKUP_DIGITS_RATE


def public_lookup(request: HttpRequest, *, user: User | None, code: str, last_digits: str = "") -> PublicLookup:
    """Raises DossierNotFound. ``user``: the visitor logged in on the page; None from the API, which reads
    no session."""
    lookup = dossier_lookup(code=code)
    if lookup_shows_applicant(lookup, user=user, last_digits=""):
        return PublicLookup(lookup, shows_applicant=True, digits="")
    last_digits = (last_digits or "").strip()
    if not last_digits:
        return PublicLookup(lookup, shows_applicant=False, digits="")
    usage = rate_usage(request, group="dossiers.lookup_digits", key=lambda group, req: lookup.code,
                       rate=_digits_rate, increment=True)
    if usage is not None and usage["should_limit"]:
        return PublicLookup(lookup, shows_applicant=False, digits="limited")
    shown = lookup_shows_applicant(lookup, user=None, last_digits=last_digits)
    return PublicLookup(lookup, shows_applicant=shown, digits="ok" if shown else "wrong")


def lookup_url(code: str) -> str:
    """The public lookup of this code, as a full address (printed on slips as a QR code)."""
    return f"{settings.SITE_URL.rstrip('/')}{reverse('dossiers:lookup')}?{urlencode({'code': code})}"


@dataclass(frozen=True)
class LookupResult:
    """What the public lookup says of a dossier's issued result, so whoever holds the paper (and scanned its QR
    code) can check it is genuine: its number, its issuer and date, and whether it was digitally signed."""

    number: str
    issuer: str
    issued_on: dt.date | None
    signed: bool


def lookup_result(lookup: DossierLookup) -> LookupResult | None:
    """The numbered result of a looked-up dossier once it is ready (one query); None before, or without one."""
    if lookup.state not in (Dossier.State.RESULT_READY, Dossier.State.RETURNED):
        return None
    row = (Dossier.objects.filter(pk=lookup.dossier_id, result_document__isnull=False)
           .values("result_signed_by", "result_document__code_number", "result_document__code_notation",
                   "result_document__organ_name", "result_document__issued_date").first())
    if row is None or not (row["result_document__code_number"] or row["result_document__code_notation"]):
        return None
    number, notation = row["result_document__code_number"], row["result_document__code_notation"]
    return LookupResult(number=f"{number}/{notation}" if number and notation else number or notation,
                        issuer=row["result_document__organ_name"], issued_on=row["result_document__issued_date"],
                        signed=bool(row["result_signed_by"]))
