"""Quên mật khẩu by account: the person names their account (CCCD number or username) and chooses how to
prove it is theirs: a link to its e-mail address (as the address-based form sends) or a six-digit code by
SMS to its mobile phone. Nothing said to the person depends on whether the account exists or has an
address or a phone; the per-account limit (accounts.ratelimits) stops anyone flooding one account's phone.

The code leaves through accounts.messaging (the notifications app's SMS gateway), inside the transaction
that stores it, so that the gateway's own outbox row and the code commit together. It is kept as an HMAC
under the portal's secret key: a copy of the database alone does not give the six digits."""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from accounts.cccd import looks_like_cccd, normalize_cccd
from accounts.errors import AccountErrorCode, AccountInvalid
from accounts.messaging import text_message_send
from accounts.models import PasswordResetCode, User

logger = logging.getLogger(__name__)

CODE_MINUTES = 10
CODE_TRIES = 5


def reset_identifier(value: str) -> str:
    """The account a person names, as the login form reads it: a CCCD number typed with spaces or not, or an
    official's username (case as stored)."""
    value = (value or "").strip()[:150]
    digits = normalize_cccd(value)
    return digits if looks_like_cccd(digits) else value


def reset_account(identifier: str) -> User | None:
    """The active account with this username (citizens' usernames are their CCCD numbers), or None."""
    if not identifier:
        return None
    return User.objects.filter(username=identifier, is_active=True).first()


def _hash(user: User, code: str) -> str:
    return salted_hmac("accounts.password_reset_code", f"{user.pk}:{code}", algorithm="sha256").hexdigest()


@transaction.atomic
def password_reset_code_send(*, identifier: str) -> bool:
    """Send a new code to the account's phone (earlier codes stop working). Returns whether one was handed to
    a sender; the caller tells the person the same either way."""
    user = reset_account(identifier)
    if user is None or not user.phone:
        return False
    user = User.objects.select_for_update().get(pk=user.pk)
    now = timezone.now()
    PasswordResetCode.objects.filter(user=user, used_at=None).update(used_at=now)
    code = f"{secrets.randbelow(10 ** 6):06d}"
    PasswordResetCode.objects.create(user=user, code_hash=_hash(user, code), created_at=now,
                                     expires_at=now + dt.timedelta(minutes=CODE_MINUTES))
    text = _("Cổng Một Cửa: %(code)s is your code to reset your password, valid for %(minutes)s minutes. "
             "Never give it to anyone.") % {"code": code, "minutes": CODE_MINUTES}
    sent = text_message_send(phone=user.phone, text=text, purpose="password_reset")
    if not sent:
        logger.warning("No text-message sender took the password reset code of account %s.", user.pk)
    return sent


def password_reset_code_check(*, identifier: str, code: str) -> User:
    """The account whose latest code this is; the code is used up. A wrong code counts a try (the count
    survives the refusal); after CODE_TRIES, or CODE_MINUTES, the code is dead."""
    code = "".join((code or "").split())[:12]
    with transaction.atomic():
        user = reset_account(identifier)
        row = None
        if user is not None:
            row = (PasswordResetCode.objects.select_for_update().filter(user=user, used_at=None)
                   .order_by("-created_at").first())
        now = timezone.now()
        if row is not None and (row.expires_at <= now or row.attempts >= CODE_TRIES):
            error = reset_code_expired()
        elif row is None or not constant_time_compare(row.code_hash, _hash(user, code)):
            if row is not None:
                row.attempts += 1
                row.save(update_fields=["attempts"])
            error = AccountInvalid(_("This code is not right. Check the 6 digits in the SMS and type them again."),
                                   errors={"code": []}, code=AccountErrorCode.RESET_CODE_WRONG)
        else:
            row.used_at = now
            row.save(update_fields=["used_at"])
            return user
    raise error


def reset_code_expired() -> AccountInvalid:
    return AccountInvalid(
        _("This code no longer works: it is more than %(minutes)s minutes old or was typed wrong %(tries)s times. "
          "Ask for a new code.") % {"minutes": CODE_MINUTES, "tries": CODE_TRIES},
        errors={"code": []}, code=AccountErrorCode.RESET_CODE_EXPIRED)


def reset_account_rate(group: str, request) -> str:
    return getattr(settings, "ACCOUNTS_RESET_ACCOUNT_RATE", "3/h")


def reset_account_key(group: str, request) -> str:
    """Per account named, whatever the connection: the identifier typed (a CCCD number without its spaces)."""
    return "account:" + reset_identifier(request.POST.get("account") or request.POST.get("email") or "").lower()
