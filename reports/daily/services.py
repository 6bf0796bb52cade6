"""Building, keeping and sending the daily progress report (issue 16 §2).

One report per day (``DailyReport.day`` is unique, and the row is locked while it is built): the scheduled run
skips a day that has its report, a provincial admin's "build now" replaces its figures and files. Sending goes
through the notifications' outbox (one e-mail per recipient and build, idempotent on its key, sent after
commit, retried by the notifications' own sweep); the report is also registered as an outgoing document draft
of the issuing office, for its clerk to submit to the leader who signs it."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from documents.models import Document, DocumentType, OrgUnit
from documents.services.outgoing import RecipientSpec, outgoing_create, outgoing_revise
from notifications.models import Channel, Notification
from notifications.services import Recipient, notify
from portal.errors import ApplicationError
from reports.daily import selectors
from reports.daily.figures import daily_figures
from reports.daily.models import DailyReport
from reports.daily.pdf import report_pdf, subject
from reports.daily.workbook import report_xlsx
from reports.errors import ReportError, ReportErrorCode
from units.calendar import is_working_day

logger = logging.getLogger(__name__)
REPORT_TYPE = "bao-cao"  # documents.data: Báo cáo (BC)


def file_name(day: dt.date, extension: str) -> str:
    return f"bao-cao-ngay-{day:%Y-%m-%d}.{extension}"


@transaction.atomic
def daily_report_build(*, day: dt.date, actor: User | None = None, now: dt.datetime | None = None,
                       replace: bool = True, send: bool = True) -> DailyReport | None:
    """The report of ``day`` built (or, with ``replace``, built again) and kept; sent when ``send``. Returns
    None when the day has its report already and ``replace`` is false (the scheduled run's second pass)."""
    now = now or timezone.now()
    if day > timezone.localdate(now):
        raise ReportError(_("A report can only be built for today or an earlier day."),
                          code=ReportErrorCode.DAILY_FUTURE_DAY)
    issuer = selectors.issuing_agency()
    if issuer is None:
        raise ReportError(_("No agency issues the daily report: set REPORTS_DAILY_AGENCY or record the provincial "
                            "People's Committee and its Office."), code=ReportErrorCode.DAILY_NO_ISSUER)
    report, created = DailyReport.objects.get_or_create(day=day, defaults={"issuer": issuer, "built_at": now})
    report = DailyReport.objects.select_for_update().get(pk=report.pk)
    if not created and not replace:
        return None
    figures = daily_figures(day=day, now=now)
    pdf = report_pdf(figures=figures, issuer=issuer, built_at=now)
    xlsx = report_xlsx(figures=figures)
    old = [stored.name for stored in (report.pdf, report.xlsx) if stored]
    report.issuer, report.figures, report.built_at, report.built_by = issuer, figures, now, actor
    report.version = report.version if created else report.version + 1
    report.pdf.save(file_name(day, "pdf"), ContentFile(pdf), save=False)
    report.xlsx.save(file_name(day, "xlsx"), ContentFile(xlsx), save=False)
    report.save()
    storage = report.pdf.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in old if storage.exists(name)])
    if settings.REPORTS_DAILY_AS_DOCUMENT:
        _as_document(report, pdf)
    if send:
        daily_report_send(report=report)
        report.refresh_from_db(fields=["sent_to"])
    return report


def daily_report_scheduled(*, now: dt.datetime | None = None) -> DailyReport | None:
    """The beat's run: today's report on a working day (units' calendar, swapped Saturdays included), once."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not is_working_day(today):
        logger.info("No daily report on %s: not a working day.", today)
        return None
    return daily_report_build(day=today, now=now, replace=False, send=True)


@transaction.atomic
def daily_report_send(*, report: DailyReport) -> list[Notification]:
    """One e-mail per recipient through the notifications' outbox, with the figures in brief and the links to
    the PDF and the workbook; a recipient already sent this build is not sent it again."""
    report = DailyReport.objects.select_for_update().get(pk=report.pk)
    with translation.override(settings.LANGUAGE_CODE):
        context = _email_context(report)
        title = render_to_string("reports/daily/email_subject.txt", context).strip()
        body = render_to_string("reports/daily/email.txt", context)
    created = []
    for address in selectors.recipients(report.issuer):
        created += notify(event_key=f"reports.daily:{report.pk}:{report.version}", template="reports.daily",
                          values={}, recipient=Recipient(email=address), email=(title, body),
                          channels=[Channel.EMAIL])
    if created:
        at = timezone.now().isoformat()
        report.sent_to = [*report.sent_to, *({"email": n.email, "notification": n.pk, "at": at} for n in created)]
        report.save(update_fields=["sent_to"])
    return created


def _email_context(report: DailyReport) -> dict:
    site = settings.SITE_URL.rstrip("/")
    total = report.figures["dossiers"]["total"]
    return {"report": report, "subject": subject(report.day), "issuer": report.issuer, "total": total,
            "figures": report.figures,
            "pdf_url": site + reverse("reports:daily_file", args=[report.day.isoformat(), "pdf"]),
            "xlsx_url": site + reverse("reports:daily_file", args=[report.day.isoformat(), "xlsx"]),
            "history_url": site + reverse("reports:daily")}


def _as_document(report: DailyReport, pdf: bytes) -> None:
    """Register the report as an outgoing document draft (Báo cáo) of the issuing office, drafted by its clerk
    for its leader to sign, addressed to the provincial People's Committee; a build again gives the draft a
    new version while nobody has sent it on. Left out, and said in the log, where the office has no clerk or
    leader in the portal: the report itself is kept and sent whatever happens here."""
    issuer = report.issuer
    clerk, leader = selectors.drafter(issuer), selectors.signer(issuer)
    committee = selectors.provincial_committee()
    document_type = DocumentType.objects.filter(code=REPORT_TYPE, is_active=True).first()
    # The clerk's own unit, else the office's general unit (a clerk drafts for any unit of the agency).
    unit = (OrgUnit.objects.filter(agency=issuer, is_active=True, memberships__user=clerk).first()
            or OrgUnit.objects.filter(agency=issuer, is_active=True).order_by("name", "id").first())
    if None in (clerk, leader, committee, document_type, unit) or committee == issuer:
        logger.info("Daily report %s not registered as a document: the office has no clerk, leader or internal "
                    "unit, or there is no addressee or document type.", report.day)
        return
    upload = SimpleUploadedFile(file_name(report.day, "pdf"), pdf, content_type="application/pdf")
    try:
        with transaction.atomic():
            if report.document_id is None:
                report.document = outgoing_create(
                    actor=clerk, document_type=document_type, subject=subject(report.day), signer=leader,
                    recipients=[RecipientSpec(agency=committee)], upload=upload, drafting_unit=unit,
                    description=_("Daily report built by the portal"))
                report.save(update_fields=["document"])
            elif report.document.state == Document.State.DRAFT:
                outgoing_revise(document=report.document, actor=clerk, upload=upload,
                                note=_("Report built again"))
    except ApplicationError:
        logger.warning("Daily report %s not registered as a document.", report.day, exc_info=True)
