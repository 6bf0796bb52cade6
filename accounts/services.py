"""Every write to accounts: citizens registering, officials being created, passwords reset by email, the
provincial admins' group."""

import datetime as dt

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.cccd import normalize_cccd
from accounts.errors import AccountErrorCode, AccountExists, AccountInvalid
from accounts.models import User
from accounts.phones import normalize_mobile
from portal.text import nfc
from units.models import Agency, ServiceCentre

PROVINCIAL_ADMINS_GROUP = "Provincial admins"
# Apps whose reference data (units, centres, hotlines, catalogue, staff) provincial admins keep in Django admin.
PROVINCIAL_ADMIN_APPS = ("units", "hotlines", "procedures", "accounts")


@transaction.atomic
def citizen_register(
    *,
    cccd: str,
    full_name: str,
    date_of_birth: dt.date | None,
    gender: str,
    phone: str,
    email: str,
    password: str,
) -> User:
    """A citizen's own account; they log in with their CCCD number as username."""
    number = normalize_cccd(cccd)
    user = User(
        role=User.Role.CITIZEN,
        username=number,
        cccd=number,
        full_name=_clean_name(full_name),
        date_of_birth=date_of_birth,
        gender=gender or "",
        email=User.objects.normalize_email((email or "").strip()),
    )
    errors: dict[str, list[str]] = {}
    try:
        user.phone = normalize_mobile(phone)
    except ValidationError as exc:
        errors["phone"] = exc.messages
    if date_of_birth is None:
        errors["date_of_birth"] = [_("Enter your date of birth.")]
    elif date_of_birth > timezone.localdate():
        errors["date_of_birth"] = [_("The date of birth cannot be in the future.")]
    if not user.gender:
        errors["gender"] = [_("Choose your gender as written on your card.")]
    # The username is the CCCD number, whose own checks say precisely what is wrong with it.
    _collect_model_errors(user, errors, exclude=["password", "username"])
    _collect_password_errors(user, password, errors)
    if errors:
        raise AccountInvalid(_("Please correct the errors below."), errors=errors)
    if User.objects.filter(cccd=number).exists() or User.objects.filter(username=number).exists():
        raise _cccd_taken()
    user.set_password(password)
    _save_new(user, on_conflict=_cccd_taken)
    return user


def citizen_registration_collided(*, cccd: str) -> None:
    """Someone tried to register a number that already has an account. The visitor is told nothing of it
    (registration answers alike either way); the account's owner is told by e-mail, when they gave one."""
    owner = User.objects.filter(cccd=normalize_cccd(cccd)).only("email", "full_name").first()
    if owner is None or not owner.email:
        return
    body = _(
        "Dear %(name)s,\n\nSomeone has just tried to register a new account on the public service portal "
        "with your personal identification number. Your account has not changed and no new account was made. "
        "If it was you, log in with your existing password. If it was not, nothing needs doing; if you are "
        "worried, call the hotline or ask at a public administration service centre.\n\n%(site)s"
    ) % {"name": owner.full_name, "site": settings.SITE_URL}
    send_mail(_("Someone tried to register with your CCCD number"), body, settings.DEFAULT_FROM_EMAIL,
              [owner.email])


@transaction.atomic
def user_password_reset(*, user: User, password: str) -> User:
    """Đặt lại mật khẩu: the new password chosen through the emailed link, which the form has already put
    through AUTH_PASSWORD_VALIDATORS. Opening the link proves the person holds the account's mailbox, so the
    account's failed logins (django-axes, from every address) are forgotten too: otherwise someone locked
    out after forgetting their password would still be refused their new one until the lockout ran out.
    Every session of the account ends, as with any change of password."""
    user.set_password(password)
    user.save(update_fields=["password"])
    axes_reset(username=user.get_username())
    return user


@transaction.atomic
def official_create(
    *,
    username: str,
    full_name: str,
    role: str,
    agency: Agency | None,
    centre: ServiceCentre | None = None,
    email: str = "",
    password: str,
) -> User:
    """An official's account. A provincial admin also gets Django admin access through the
    "Provincial admins" group. The password must pass the site's password validators."""
    username = (username or "").strip()
    errors: dict[str, list[str]] = {}
    if role == User.Role.CITIZEN or role not in User.Role.values:
        errors["role"] = [_("Choose an official's role; citizens register themselves.")]
    user = User(
        username=username,
        full_name=_clean_name(full_name),
        role=role,
        agency=agency,
        centre=centre,
        email=User.objects.normalize_email((email or "").strip()),
        is_staff=role == User.Role.ADMIN,
    )
    if "role" not in errors:
        _collect_model_errors(user, errors, exclude=["password"])
    _collect_password_errors(user, password, errors)
    if errors:
        raise AccountInvalid(_("Please correct the errors below."), errors=errors)

    def taken() -> AccountExists:
        return AccountExists(
            _("The username %(username)s is already taken.") % {"username": username},
            code=AccountErrorCode.USERNAME_TAKEN,
        )

    if User.objects.filter(username=username).exists():
        raise taken()
    user.set_password(password)
    _save_new(user, on_conflict=taken)
    if user.role == User.Role.ADMIN:
        user.groups.add(provincial_admins_group_sync())
    return user


@transaction.atomic
def provincial_admins_group_sync() -> Group:
    """Create the "Provincial admins" group if missing and grant it every permission on the models of
    PROVINCIAL_ADMIN_APPS. Idempotent; run again after new models arrive (it only adds)."""
    group, _created = Group.objects.get_or_create(name=PROVINCIAL_ADMINS_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=PROVINCIAL_ADMIN_APPS)
    group.permissions.add(*permissions)
    return group


@transaction.atomic
def provincial_admin_access_sync(*, user: User) -> User:
    """Give a provincial admin (role changed in Django admin, say) staff status and the group; take
    them away from anyone who no longer has that role."""
    user = User.objects.select_for_update().get(pk=user.pk)
    is_admin = user.role == User.Role.ADMIN
    if not user.is_superuser and user.is_staff != is_admin:
        user.is_staff = is_admin
        user.save(update_fields=["is_staff"])
    if is_admin:
        user.groups.add(provincial_admins_group_sync())
    else:
        user.groups.remove(*Group.objects.filter(name=PROVINCIAL_ADMINS_GROUP))
    return user


def _clean_name(value: str) -> str:
    return " ".join(nfc(value).split())


def _collect_model_errors(user: User, errors: dict[str, list[str]], *, exclude: list[str]) -> None:
    # Uniqueness is checked separately, with a message that says what to do.
    try:
        user.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(str(m) for m in messages)


def _collect_password_errors(user: User, password: str, errors: dict[str, list[str]]) -> None:
    if not password:
        errors["password"] = [_("Choose a password.")]
        return
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = [str(m) for m in exc.messages]


def _cccd_taken() -> AccountExists:
    return AccountExists(
        _(
            "An account with this personal identification number already exists. Log in with it; if you "
            "cannot, call the hotline or ask at a service centre."
        ),
        code=AccountErrorCode.CCCD_TAKEN,
    )


def _save_new(user: User, *, on_conflict) -> None:
    # The unique constraint settles a race between two registrations of the same number.
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise on_conflict() from None
