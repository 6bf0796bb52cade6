"""The citizen's account from the national identity's verified claims. The CCCD number is the key: the
first login creates the account, or links the local account that has the same number (never a second one);
later logins refresh what the provider knows better (name, date of birth, gender, address, phone). An
official's account is never taken over by a claim, and an account linked to one subject never moves to
another."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.cccd import normalize_cccd, validate_cccd
from accounts.identity.errors import IdentityErrorCode, IdentityRefused
from accounts.models import IdentityLevel, User
from accounts.phones import normalize_mobile
from portal.text import nfc

logger = logging.getLogger("accounts.identity")
_LEVELS = {1: IdentityLevel.LEVEL_1, 2: IdentityLevel.LEVEL_2}
_GENDERS = {"male": User.Gender.MALE, "female": User.Gender.FEMALE}


@dataclass(frozen=True)
class VerifiedIdentity:
    """What the provider vouches for, checked and in the portal's shapes."""

    subject: str
    cccd: str
    level: int
    full_name: str
    date_of_birth: dt.date | None
    gender: str
    address: str
    phone: str

    @classmethod
    def from_claims(cls, claims: dict) -> VerifiedIdentity:
        """Raise IdentityRefused (CLAIMS) when the claims cannot name a citizen: no subject, no well-formed
        CCCD number, a number that disagrees with the date of birth or gender, no level 1 or 2."""
        subject = claims.get("sub")
        if not isinstance(subject, str) or not subject.strip() or len(subject) > 255 or "\x00" in subject:
            raise IdentityRefused(IdentityErrorCode.CLAIMS, "sub is missing or malformed")
        cccd = normalize_cccd(claims.get("cccd")) if isinstance(claims.get("cccd"), str) else ""
        born = _date(claims.get("birthdate"))
        gender = _GENDERS.get(claims.get("gender"), "")
        try:
            validate_cccd(cccd, date_of_birth=born, gender=gender or None)
        except ValidationError as error:
            raise IdentityRefused(IdentityErrorCode.CLAIMS, f"cccd: {' '.join(error.messages)}") from None
        level = claims.get("identity_level")
        if isinstance(level, str) and level.isdigit():
            level = int(level)
        if level not in _LEVELS or isinstance(level, bool):
            raise IdentityRefused(IdentityErrorCode.CLAIMS, "identity_level is not 1 or 2")
        address = claims.get("address")
        if isinstance(address, dict):
            address = address.get("formatted")
        return cls(subject=subject.strip(), cccd=cccd, level=_LEVELS[level], full_name=_text(claims.get("name"), 150),
                   date_of_birth=born, gender=gender, address=_text(address, 255), phone=_mobile(claims.get("phone_number")))


def _text(value, limit: int) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(nfc(value).replace("\x00", "").split())[:limit]


def _date(value) -> dt.date | None:
    try:
        born = dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None
    return born if born and born <= timezone.localdate() else None


def _mobile(value) -> str:
    try:
        return normalize_mobile(value) if isinstance(value, str) and len(value) <= 20 else ""
    except ValidationError:
        return ""


@transaction.atomic
def citizen_from_identity(*, identity: VerifiedIdentity) -> User:
    """The citizen's account for ``identity``, created, linked or refreshed; IdentityRefused when an
    official's or a locked account holds the number, or the number's account is linked to another subject.
    The same person's first login in two tabs at once makes one account: the second waits on the unique
    number, then links to the account the first created."""
    for attempt in (1, 2):
        user = _account_for(identity)
        _refresh(user, identity)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            if attempt == 2:
                raise IdentityRefused(IdentityErrorCode.STATE, "the account changed during the login") from None
            continue
        return user
    raise AssertionError("unreachable")


def _account_for(identity: VerifiedIdentity) -> User:
    """The account that holds the number or the subject (locked), or a new one; refusals as above."""
    holders = list(User.objects.select_for_update().filter(
        Q(cccd=identity.cccd) | Q(username=identity.cccd) | Q(identity_subject=identity.subject)).order_by("pk"))
    if any(user.is_official or user.is_staff or user.is_superuser for user in holders):
        logger.warning("national identity refused: CCCD %s*** belongs to an official", identity.cccd[:6])
        raise IdentityRefused(IdentityErrorCode.OFFICIAL)
    if len(holders) > 1 or (holders and holders[0].identity_subject not in ("", identity.subject)) or (
            holders and holders[0].cccd not in (None, identity.cccd)):
        logger.warning("national identity refused: subject and CCCD name different accounts")
        raise IdentityRefused(IdentityErrorCode.CLAIMS, "the subject and the CCCD name different accounts")
    if not holders:
        user = User(username=identity.cccd, cccd=identity.cccd, role=User.Role.CITIZEN)
        user.set_unusable_password()  # a password can be set later through "forgot your password"
        return user
    if not holders[0].is_active:
        raise IdentityRefused(IdentityErrorCode.INACTIVE)
    return holders[0]


def _refresh(user: User, identity: VerifiedIdentity) -> None:
    user.identity_subject = identity.subject
    user.identity_level = identity.level
    user.identity_verified_at = timezone.now()
    user.cccd = identity.cccd
    if identity.full_name:
        user.full_name = identity.full_name
    for name in ("date_of_birth", "gender", "address", "phone"):
        value = getattr(identity, name)
        if value:
            setattr(user, name, value)
