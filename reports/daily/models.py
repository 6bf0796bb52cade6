"""The daily progress reports kept: one per day, with what it said, its files and whom it was sent to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.dates import date_text


class DailyReport(models.Model):
    """Báo cáo tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính ngày …: the day's report to the Provincial
    People's Committee. One per day (unique): the scheduled run skips a day that has one, "build now" replaces
    its figures and files (``version`` counts the builds)."""

    day = models.DateField(_("day"), unique=True)
    version = models.PositiveIntegerField(_("build"), default=1)
    issuer = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("issuing agency"))
    # What the report says (reports.daily.figures), as it was built: the page, the PDF, the workbook and the
    # e-mail all read it.
    figures = models.JSONField(_("figures"), default=dict)
    pdf = models.FileField(_("PDF"), upload_to="reports/daily/%Y/", blank=True)
    xlsx = models.FileField(_("Excel workbook"), upload_to="reports/daily/%Y/", blank=True)
    built_at = models.DateTimeField(_("built at"))
    # Empty: built by the scheduled run.
    built_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("built by"))
    # [{"email", "notification" (its Notification's id), "at"}] for every sending, latest last.
    sent_to = models.JSONField(_("sent to"), default=list, blank=True)
    # The report as an outgoing document draft of the issuing agency (documents), when one was registered.
    document = models.ForeignKey("documents.Document", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("outgoing document"))

    class Meta:
        ordering = ["-day"]
        verbose_name = _("daily report")
        verbose_name_plural = _("daily reports")

    def __str__(self) -> str:
        return date_text(self.day)
