"""The officials' second factor (xác thực hai yếu tố): a time-based code from an authenticator app (django-otp's
TOTP device) or one of ten backup codes (its static device).

Leaders, provincial admins and superusers must have one; other officials may turn it on from their page;
citizens never see it. Whoever has a confirmed device, or must have one, logs in in two steps: the password
(accounts.views.LoginView, unchanged), after which the session is *pending*, then the code
(accounts.web_two_factor), after which it is *verified*. accounts.middleware lets a pending session reach
nothing but those pages and the logout.

The state lives in the session and is set on *every* login, whatever logged the user in (the password form,
the national identity, a test's force_login), by a receiver of Django's user_logged_in signal: a new session is
never verified by default. A session without the state (older than this feature) counts as pending for the
roles that need a second factor."""

from __future__ import annotations

import logging

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.errors import AccountErrorCode, SecondFactorError
from accounts.models import User

logger = logging.getLogger(__name__)

SESSION_KEY = "accounts.second_factor"
PENDING = "pending"
VERIFIED = "verified"
BACKUP_CODE_COUNT = 10
# The device's name, as the admin lists it.
APP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"


def second_factor_required(user) -> bool:
    """Leaders, provincial admins and superusers may not work without a second factor."""
    return bool(user.is_authenticated and (user.is_superuser or user.role in (User.Role.LEADER, User.Role.ADMIN)))


def second_factor_offered(user) -> bool:
    """Every official may have one; citizens log in as before."""
    return bool(user.is_authenticated and (user.is_superuser or user.role != User.Role.CITIZEN))


def has_app_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- The session ---------------------------------------------------------------------------------------------

def session_pending(request) -> bool:
    """True while this session's user still owes their second factor (no query)."""
    user = request.user
    if not user.is_authenticated:
        return False
    state = request.session.get(SESSION_KEY)
    if state == VERIFIED:
        return False
    return state == PENDING or second_factor_required(user)


def _on_login(sender, request, user, **kwargs) -> None:
    """Each login starts unverified for whoever has or needs a second factor."""
    session = getattr(request, "session", None)
    if session is None:
        return
    session.pop(DEVICE_ID_SESSION_KEY, None)
    if second_factor_required(user) or (second_factor_offered(user) and has_app_device(user)):
        session[SESSION_KEY] = PENDING
    else:
        session.pop(SESSION_KEY, None)


def connect_login_receiver() -> None:
    """Called once from AccountsConfig.ready()."""
    user_logged_in.connect(_on_login, dispatch_uid="accounts.two_factor.on_login")


def session_mark_verified(request, device: Device) -> None:
    """The code was right: a new session key (the pending one cannot be reused by whoever saw it), then verified."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = VERIFIED
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


# --- Writes --------------------------------------------------------------------------------------------------

@transaction.atomic
def app_enrolment_start(*, user: User) -> TOTPDevice:
    """The not yet confirmed device whose secret the enrolment page shows (the same one until confirmed)."""
    User.objects.select_for_update().get(pk=user.pk)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def app_enrolment_confirm(*, user: User, token: str) -> list[str]:
    """The first code from the app confirms the device; it replaces any earlier one, and ten new backup codes
    replace the old ones. Returns the backup codes (shown once)."""
    # A wrong code is refused after the transaction, so that django-otp's count of failures stays.
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            error = SecondFactorError(_("Start the set-up again: the code on this page has expired."),
                                      code=AccountErrorCode.SECOND_FACTOR_NO_DEVICE)
        elif not device.verify_is_allowed()[0]:
            error = _too_many_tries()
        elif not device.verify_token(_digits(token)):
            error = SecondFactorError(_("This code is not right. Type the 6 digits the app shows now."),
                                      code=AccountErrorCode.SECOND_FACTOR_WRONG)
        else:
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            return _backup_codes_replace(user)
    raise error


@transaction.atomic
def backup_codes_regenerate(*, user: User) -> list[str]:
    User.objects.select_for_update().get(pk=user.pk)
    return _backup_codes_replace(user)


def _backup_codes_replace(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def second_factor_check(*, user: User, token: str) -> Device:
    """The device that accepts this code (6 digits from the app, or a backup code, used up), with
    django-otp's throttling: after each wrong code the next is refused for 1, 2, 4, 8... seconds."""
    token = (token or "").strip()
    with transaction.atomic():
        digits = _digits(token)
        if digits.isdigit() and len(digits) == 6:
            devices = list(TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True))
            token = digits
        else:
            devices = list(StaticDevice.objects.select_for_update().filter(user=user, confirmed=True))
            token = token.replace(" ", "").lower()
        for device in devices:
            allowed, _info = device.verify_is_allowed()
            if not allowed:
                raise _too_many_tries()
            if device.verify_token(token):
                return device
    raise SecondFactorError(_("This code is not right. Type the 6 digits your authenticator app shows now, "
                              "or one of your backup codes."), code=AccountErrorCode.SECOND_FACTOR_WRONG)


@transaction.atomic
def second_factor_turn_off(*, user: User) -> None:
    """An official who need not have a second factor may turn it off (a leader or admin may not)."""
    if second_factor_required(user):
        raise SecondFactorError(_("Your role must keep a second factor. To change phones, set up the new one."),
                                code=AccountErrorCode.SECOND_FACTOR_REQUIRED)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def second_factor_reset(*, user: User, by: User) -> int:
    """A lost phone: an admin removes the official's devices; at their next login they set up a new one (if
    their role needs it). Recorded in the admin's log (LogEntry). Returns how many devices were removed."""
    User.objects.select_for_update().get(pk=user.pk)
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        count, _detail = model.objects.filter(user=user).delete()
        removed += count
    LogEntry.objects.log_actions(
        user_id=by.pk, queryset=[user], action_flag=CHANGE, single_object=True,
        change_message=[{"changed": {"fields": ["second factor (reset)"]}}])
    logger.info("Second factor of %s reset by %s (%d device rows) at %s", user.username, by.username, removed,
                timezone.now().isoformat())
    return removed


def _digits(token: str) -> str:
    return "".join((token or "").split()).replace("-", "")[:16]


def _too_many_tries() -> SecondFactorError:
    return SecondFactorError(_("Too many wrong codes. Wait a minute, then type the code the app shows now."),
                             code=AccountErrorCode.SECOND_FACTOR_THROTTLED)
