"""The demo's leaders and provincial admin log in with a second factor (accounts/two_factor.py), like real
ones: each gets an authenticator-app device with one fixed, published secret (README's demo accounts table),
and ten fixed backup codes, so that a tester can add the secret to any authenticator app once, or ask
`manage.py demo_otp USERNAME` for the current code. A demo secret is no secret: never in production (the demo
app is not installed there)."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.two_factor import APP_DEVICE_NAME, BACKUP_DEVICE_NAME

USERNAMES = ("lanhdao.halong", "lanhdao.vpubnd", "phochutich.halong", "lanhdao.hcc", "quantri.tinh")
# b"CongMotCua-demo-2FA!": typed into an app as its base-32 form, SECRET.
KEY = "436f6e674d6f744375612d64656d6f2d32464121"
SECRET = "INXW 4Z2N N52E G5LB FVSG K3LP FUZE MQJB"
BACKUP_CODES = tuple(f"demo{n:04d}" for n in range(1, 11))


def demo_second_factor_load() -> int:
    """Devices for the demo accounts that have none yet (one query when all have them). Returns how many
    accounts got one."""
    done = set(TOTPDevice.objects.filter(user__username__in=USERNAMES, confirmed=True)
               .values_list("user__username", flat=True))
    if done >= set(USERNAMES):
        return 0
    return _load(exclude=done)


@transaction.atomic
def _load(*, exclude: set[str]) -> int:
    users = list(User.objects.filter(username__in=USERNAMES).exclude(username__in=exclude))
    for user in users:
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, key=KEY, confirmed=True)
        StaticDevice.objects.filter(user=user).delete()
        backup = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        StaticToken.objects.bulk_create([StaticToken(device=backup, token=code) for code in BACKUP_CODES])
    return len(users)
