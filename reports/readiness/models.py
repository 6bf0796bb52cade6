"""The readiness board's own records: what no other table holds. Everything else on the board is computed from
the other apps' data (reports/readiness/selectors.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TrialRun(models.Model):
    """Vận hành thử: one trial operation run (``manage.py simulate``) and what came of it, written by
    ``reports.readiness.services.trial_run_record``. ``centres`` are the communal centres that took part."""

    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    ok = models.BooleanField(_("passed its checks"))
    dossiers = models.PositiveIntegerField(_("dossiers"), default=0)
    on_time_rate = models.DecimalField(_("on-time rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    failures = models.JSONField(_("failed checks"), default=list, blank=True)
    # The run's headline figures (throughput, sync lag, messages lost...), for the page: as the report gave them.
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    centres = models.ManyToManyField("units.ServiceCentre", related_name="+", verbose_name=_("centres"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-finished_at", "-id"]
        verbose_name = _("trial operation run")
        verbose_name_plural = _("trial operation runs")
        indexes = [models.Index(fields=["ok", "finished_at"], name="trialrun_ok_finished")]

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'failed'}"


class ManualCheck(models.Model):
    """A readiness item no data can show (the centre's equipment, the staff's training...), confirmed by a
    person for one unit (a commune, or the province for its own items), with a note; who and when are kept,
    and every change is added to ``ManualCheckChange``."""

    unit = models.ForeignKey("units.AdministrativeUnit", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("administrative unit"))
    item = models.CharField(_("item"), max_length=40)
    done = models.BooleanField(_("done"), default=False)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("confirmed by"))
    updated_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        verbose_name = _("manual readiness check")
        verbose_name_plural = _("manual readiness checks")
        constraints = [models.UniqueConstraint(fields=["unit", "item"], name="manual_check_unique_item")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.item} {'done' if self.done else 'not done'}"


class ManualCheckChange(models.Model):
    """Append-only history of a manual check: each time someone ticks, unticks or rewrites its note."""

    manual_check = models.ForeignKey(ManualCheck, on_delete=models.CASCADE, related_name="changes")
    done = models.BooleanField(_("done"))
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("manual readiness check change")
        verbose_name_plural = _("manual readiness check changes")

    def __str__(self) -> str:
        return f"{self.manual_check_id} {self.at:%Y-%m-%d %H:%M}"
