from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStamped, localized
from portal.phones import validate_phone


class Hotline(TimeStamped):
    """Đường dây nóng: a public number of the province, or of one service centre."""

    number = models.CharField(_("number"), max_length=20, validators=[validate_phone])
    label = models.CharField(_("label"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    centre = models.ForeignKey(
        "units.ServiceCentre", on_delete=models.CASCADE, null=True, blank=True, related_name="hotlines",
        verbose_name=_("service centre"), help_text=_("Empty for a province-wide hotline."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("hotline")
        verbose_name_plural = _("hotlines")
        constraints = [
            models.UniqueConstraint(fields=["centre", "number"], name="hotline_unique_per_centre"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.number}"

    @property
    def display_label(self) -> str:
        return localized(self, "label")

    @property
    def display_number(self) -> str:
        """Grouped for reading aloud: 1800 1096, 0912 345 678, 0203 3825 678."""
        n = self.number
        if len(n) == 11 and n.startswith(("024", "028")):
            return f"{n[:3]} {n[3:7]} {n[7:]}"
        if len(n) == 11 and n.startswith("02"):
            return f"{n[:4]} {n[4:8]} {n[8:]}"
        if len(n) == 10:
            return f"{n[:4]} {n[4:7]} {n[7:]}"
        if n.startswith(("1800", "1900")):
            return f"{n[:4]} {n[4:]}"
        return n
