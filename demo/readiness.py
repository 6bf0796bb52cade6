"""The readiness board's demo (demo/data/readiness.py): staff, certificates and an incoming register for the
ready wards, the confirmations of equipment and training, and one trial operation run, each written through
the owning app's services. All or nothing; the last confirmation is written last, so once it exists a run
costs one query.

The ready wards' staff are accounts the admin hands out: they are created without a usable password (as the
simulation's are), so the demo's printed list of logins stays the one it was."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import User
from accounts.services import official_create
from demo.data import readiness as data
from demo.data.accounts import SIGNING_PIN
from documents.models import Register
from reports.readiness.models import ManualCheckChange
from reports.readiness.services import manual_check_set, trial_run_record
from signatures import services as signatures
from signatures.models import Certificate
from units.models import AdministrativeUnit, ServiceCentre

ADMIN = "quantri.tinh"
# Accounts nobody logs in with need no costly hash; their password is made unusable at once.
_CHEAP_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def demo_readiness_load() -> bool:
    """True when something was added."""
    code, items = data.CONFIRMED[-1]
    if ManualCheckChange.objects.filter(manual_check__unit__code=code, manual_check__item=items[-1]).exists():
        return False
    return _load()


@transaction.atomic
def _load() -> bool:
    admin = User.objects.filter(username=ADMIN).first()
    if admin is None:
        return False
    codes = {code for code, *_ in data.READY} | set(data.TRIAL_COMMUNES) | {code for code, _ in data.CONFIRMED}
    centres = {c.unit.code: c for c in ServiceCentre.objects.filter(unit__code__in=codes).select_related("unit",
                                                                                                          "agency")}
    if len(centres) < len(codes):
        return False
    for code, slug, position, staff in data.READY:
        _ready_ward(centres[code], slug, position, staff, admin)
    started = timezone.make_aware(data.TRIAL_STARTED)
    trial_run_record(started_at=started, finished_at=started + dt.timedelta(minutes=data.TRIAL_MINUTES), ok=True,
                     centres=[centres[code] for code in data.TRIAL_COMMUNES], dossiers=data.TRIAL_DOSSIERS,
                     on_time_rate=1, note=data.TRIAL_NOTE, recorded_by=admin)
    units = {unit.code: unit for unit in AdministrativeUnit.objects.filter(code__in=codes)}
    notes = {"equipment": data.EQUIPMENT_NOTE, "training": data.TRAINING_NOTE}
    for code, items in data.CONFIRMED:
        for item in items:
            manual_check_set(unit=units[code], item=item, done=True, note=notes[item], actor=admin)
    return True


def _ready_ward(centre: ServiceCentre, slug: str, position: str, staff: dict[str, str], admin: User) -> None:
    agency = centre.agency
    accounts = {}
    for role, full_name in staff.items():
        username = f"{data.USERNAME_PREFIX[role]}.{slug}"
        user = User.objects.filter(username=username).first()
        if user is None:
            with override_settings(PASSWORD_HASHERS=_CHEAP_HASHER):
                user = official_create(username=username, full_name=full_name, role=role, agency=agency,
                                       centre=centre if role == User.Role.OFFICER else None,
                                       password=secrets.token_urlsafe(24))
            user.set_unusable_password()
            user.position = position if role == User.Role.LEADER else ""
            user.save(update_fields=["password", "position"])
        accounts[role] = user
    leader = accounts[User.Role.LEADER]
    if not Certificate.objects.filter(holder=leader, kind=Certificate.Kind.PERSONAL).exists():
        request = signatures.certificate_request_create(admin=admin, official=leader, position=position)
        request = signatures.certificate_request_approve(request=request, admin=admin)
        signatures.certificate_issue(request=request, official=leader, pin=SIGNING_PIN, pin_confirm=SIGNING_PIN)
    if not Certificate.objects.filter(agency=agency, kind=Certificate.Kind.ORGANISATION).exists():
        request = signatures.certificate_request_create(admin=admin, agency=agency, email="")
        signatures.certificate_request_approve(request=request, admin=admin)
    Register.objects.get_or_create(agency=agency, direction=Register.Direction.INCOMING, name=data.INCOMING_REGISTER)
