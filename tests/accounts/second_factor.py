"""Helpers for tests that log officials in with their second factor (accounts/two_factor.py)."""

from __future__ import annotations

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import PENDING, SESSION_KEY

# A fixed key (hex, 20 bytes) so a failing test can be replayed by hand.
KEY = "3132333435363738393031323334353637383930"


def give_app_device(user, *, key: str = KEY) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", key=key, confirmed=True)


def code_now(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """What the official's app shows now (or in ``steps_ahead`` periods of 30 seconds)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def force_login_pending(client, user) -> None:
    """force_login as the portal's own logins leave a leader's session: waiting for the code."""
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = PENDING
    session.save()
