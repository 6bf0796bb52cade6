from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.dates import date_text
from portal.models import TimeStamped, localized
from units.validators import validate_agency_code


class AdministrativeUnit(models.Model):
    """Đơn vị hành chính: the province, or a commune-level unit under it (since 1 July 2025)."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province")
        CITY = "city", _("Centrally-run city")
        WARD = "ward", _("Ward")
        COMMUNE = "commune", _("Commune")
        SPECIAL_ZONE = "special_zone", _("Special zone")

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    @property
    def is_provincial(self) -> bool:
        return self.kind in (self.Kind.PROVINCE, self.Kind.CITY)


class Agency(TimeStamped):
    """Cơ quan: an agency with its electronic identification code (Decision 20/2020/QĐ-TTg)."""

    code = models.CharField(
        _("electronic identification code"), max_length=20, unique=True, validators=[validate_agency_code]
    )
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("administrative unit")
    )
    is_people_committee = models.BooleanField(_("People's Committee"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    def clean(self):
        from units.validators import normalize_agency_code

        if self.code:
            self.code = normalize_agency_code(self.code)


class ServiceCentre(TimeStamped):
    """Trung tâm Phục vụ hành chính công: the provincial centre, or a communal one."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Provincial centre")
        COMMUNE = "commune", _("Communal centre")

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="centres", verbose_name=_("agency"))
    unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.PROTECT, related_name="centres", verbose_name=_("administrative unit")
    )
    address = models.CharField(_("address"), max_length=255)
    opening_hours = models.TextField(_("opening hours"), help_text=_("One line per period, e.g. Mon–Fri 07:30–17:00"))
    opening_hours_en = models.TextField(_("opening hours (English)"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("service centre")
        verbose_name_plural = _("service centres")
        indexes = [models.Index(fields=["is_published", "level"])]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    @property
    def display_opening_hours(self) -> str:
        return localized(self, "opening_hours")


class CalendarDay(models.Model):
    """A date that differs from the ordinary week: a public holiday, or a swapped working day."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday (day off)")
        WORKING_DAY = "working_day", _("Working day (swapped)")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        # The admin's notices say "“16/02/2026 Tết Nguyên Đán” was changed": the reader's date format.
        return f"{date_text(self.date)} {self.display_name}"

    @property
    def display_name(self) -> str:
        return localized(self, "name")
