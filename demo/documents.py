"""The demo's official documents: the units of the Hạ Long ward People's Committee and the provincial
People's Committee's Office with their officials, and their registers. Idempotent: rows are matched by
their natural keys and only what is missing is added."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from demo.data import documents as data
from demo.data.province import AGENCIES
from documents.models import OrgUnit, Register, UnitMembership
from units.models import Agency
from units.validators import normalize_agency_code


def _agency(key: str) -> Agency | None:
    """An agency key of demo.data.province, or a commune code (that commune's People's Committee)."""
    code = next((code for k, code, *_ in AGENCIES if k == key), None)
    if code is not None:
        return Agency.objects.filter(code=normalize_agency_code(code)).first()
    return Agency.objects.filter(unit__code=key, is_people_committee=True).first()


def demo_document_units_load() -> int:
    """Units, memberships and registers; returns how many rows were added. Once every register is there
    (written last, all or nothing) a run costs one query."""
    agency_keys = list(dict.fromkeys(key for key, *_ in data.UNITS))
    names = [name for name, *_ in data.REGISTERS]
    if Register.objects.filter(name__in=names, agency__org_units__code__isnull=False).distinct().count() >= (
            len(agency_keys) * len(names)):
        return 0
    with transaction.atomic():
        return _load(agency_keys)


def _load(agency_keys: list[str]) -> int:
    added = 0
    agencies = {key: _agency(key) for key in agency_keys}
    if None in agencies.values():
        return 0
    users = {u.username: u for u in User.objects.filter(
        username__in=[name for *_, members in data.UNITS for name, _head in members])}
    for agency_key, code, name, name_en, members in data.UNITS:
        agency = agencies[agency_key]
        unit, created = OrgUnit.objects.get_or_create(agency=agency, code=code,
                                                      defaults={"name": name, "name_en": name_en})
        added += created
        for username, head in members:
            if username in users:
                _membership, created = UnitMembership.objects.get_or_create(unit=unit, user=users[username],
                                                                            defaults={"is_head": head})
                added += created
    for agency in agencies.values():
        for name, direction, secret in data.REGISTERS:
            _register, created = Register.objects.get_or_create(
                agency=agency, direction=direction, name=name, defaults={"secret": secret})
            added += created
    return added
