import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.cccd import looks_like_cccd, validate_cccd, validate_cccd_gender, validate_cccd_structure


class UserManager(DjangoUserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # A superuser is the operator's technical account: an admin, not a citizen who would need a CCCD.
        extra_fields.setdefault("role", User.Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class IdentityLevel(models.IntegerChoices):
    """Mức độ tài khoản định danh điện tử (Decree 69/2024): level 1 is registered online, level 2 was checked
    in person with the chip ID card."""

    NONE = 0, _("Not verified")
    LEVEL_1 = 1, _("Level 1")
    LEVEL_2 = 2, _("Level 2")


class User(AbstractUser):
    """A citizen (logs in with their CCCD number) or an official of an agency."""

    class Role(models.TextChoices):
        CITIZEN = "citizen", _("Citizen / business")
        OFFICER = "officer", _("One-stop officer")
        SPECIALIST = "specialist", _("Specialist")
        LEADER = "leader", _("Leader")
        CLERK = "clerk", _("Clerk")
        ADMIN = "admin", _("Provincial admin")
        HOTLINE = "hotline", _("Hotline officer")

    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CITIZEN)
    full_name = models.CharField(_("full name"), max_length=150)
    cccd = models.CharField(
        _("personal identification number (CCCD)"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_cccd],
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    agency = models.ForeignKey(
        "units.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="staff", verbose_name=_("agency")
    )
    centre = models.ForeignKey(
        "units.ServiceCentre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("service centre"),
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    # The national electronic identity (VNeID, OpenID Connect): the provider's subject once the citizen has
    # logged in through it, the account's level there (1 or 2; 0 never verified) and when it was last verified.
    identity_subject = models.CharField(_("national identity subject"), max_length=255, blank=True)
    identity_level = models.PositiveSmallIntegerField(
        _("national identity level"), choices=IdentityLevel.choices, default=IdentityLevel.NONE)
    identity_verified_at = models.DateTimeField(_("verified by the national identity at"), null=True, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(fields=["identity_subject"], condition=~models.Q(identity_subject=""),
                                    name="user_identity_subject_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean_fields(self, exclude=None):
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.error_dict
            # With a date of birth, clean() says precisely which digits disagree with it; the field's own
            # "born in the future" would only repeat the problem less helpfully.
            cccd_codes = [error.code for error in errors.get("cccd", [])]
            if cccd_codes == ["cccd_year"] and self._cccd_checked_against_birth():
                del errors["cccd"]
            if errors:
                raise ValidationError(errors) from None

    def clean(self):
        super().clean()
        errors = self.membership_errors()
        if errors:
            raise ValidationError(errors)

    def membership_errors(self) -> dict[str, list[str]]:
        """What is inconsistent between the role and the CCCD, agency and centre, keyed by field.
        A badly formed CCCD number is left to the field's validator."""
        errors: dict[str, list[str]] = {}
        if self.role == self.Role.CITIZEN:
            if not self.cccd:
                errors["cccd"] = [_("A citizen must have a personal identification number (CCCD).")]
            elif _is_well_formed(self.cccd):
                try:
                    if self._cccd_checked_against_birth():
                        validate_cccd(self.cccd, date_of_birth=self.date_of_birth, gender=self.gender or None)
                    elif self.gender:
                        validate_cccd_gender(self.cccd, self.gender)
                except ValidationError as exc:
                    errors["cccd"] = exc.messages
            if self.cccd and self.username and self.username != self.cccd:
                errors["username"] = [_("A citizen's username is their personal identification number.")]
            if self.agency_id:
                errors["agency"] = [_("A citizen does not belong to an agency.")]
            if self.centre_id:
                errors["centre"] = [_("A citizen does not work at a service centre.")]
            return errors
        if looks_like_cccd(self.username or ""):
            errors["username"] = [
                _("Usernames of 12 digits are kept for citizens, who log in with their CCCD number.")
            ]
        # The operator's superuser account is not an official of any agency.
        if not self.agency_id and not self.is_superuser:
            errors["agency"] = [_("An official must belong to an agency.")]
        if self.role == self.Role.OFFICER and not self.centre_id:
            errors["centre"] = [_("A one-stop officer must be assigned to a service centre.")]
        return errors

    def _cccd_checked_against_birth(self) -> bool:
        return (
            self.role == self.Role.CITIZEN
            and isinstance(self.date_of_birth, dt.date)
            and self.date_of_birth <= timezone.localdate()
        )

    @property
    def is_official(self) -> bool:
        return self.role != self.Role.CITIZEN

    @property
    def is_provincial_admin(self) -> bool:
        return self.role == self.Role.ADMIN or self.is_superuser


def _is_well_formed(value: str) -> bool:
    try:
        validate_cccd_structure(value)
    except ValidationError:
        return False
    return True


class PasswordResetCode(models.Model):
    """Mã đặt lại mật khẩu sent by SMS (accounts/password_reset.py): six digits, kept only as a keyed hash,
    valid for a few minutes and a few tries, used once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_reset_codes",
                             verbose_name=_("user"))
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("password reset code")
        verbose_name_plural = _("password reset codes")
        indexes = [models.Index(fields=["user", "-created_at"], name="reset_code_user_recent")]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
