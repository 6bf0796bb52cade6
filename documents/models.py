"""Văn bản: the kinds of document and the registers that number them (Decree 30/2020/NĐ-CP art. 15, 22).

A register (sổ đăng ký) belongs to one agency and one direction (outgoing or incoming); secret documents
have registers of their own. Its numbers run from 01 on 1 January, consecutive, unique and never reused:
a counter row per register and year is locked while a number is taken (documents.services)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import localized


class DocumentType(models.Model):
    """Loại văn bản (art. 7) with its abbreviation as the decree writes it (mixed case kept: QyĐ, CTr)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=10, blank=True,
                                    help_text=_("As Appendix III writes it; empty for công văn and thư công."))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    @property
    def display_name(self) -> str:
        return localized(self, "name")


class Register(models.Model):
    """Sổ đăng ký văn bản đi / đến of one agency. ``types`` limits which kinds it numbers (the head of the
    agency decides the scheme); empty means every kind."""

    class Direction(models.TextChoices):
        OUTGOING = "outgoing", _("Outgoing documents")
        INCOMING = "incoming", _("Incoming documents")

    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="document_registers",
                               verbose_name=_("agency"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    name = models.CharField(_("name"), max_length=150)
    secret = models.BooleanField(_("for secret documents"), default=False,
                                 help_text=_("Secret documents are numbered in a series of their own."))
    types = models.ManyToManyField(DocumentType, blank=True, related_name="registers",
                                   verbose_name=_("document types numbered"))
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["agency", "direction", "secret", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "direction", "name"], name="register_unique_name")]
        verbose_name = _("document register")
        verbose_name_plural = _("document registers")

    def __str__(self) -> str:
        return f"{self.name} · {self.agency}"


class RegisterCounter(models.Model):
    """The last number a register gave in a year; its row is locked while the next one is taken."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="counters")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["register", "year"], name="register_counter_unique_year")]

    def __str__(self) -> str:
        return f"{self.register_id} {self.year} #{self.last_number}"
