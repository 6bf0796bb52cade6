"""Import the catalogue from an Excel workbook (nhập danh mục thủ tục từ Excel).

The whole file is checked first and every problem reported; only a clean file is saved, as drafts, in
one transaction. Published versions are never touched. Files with more rows than
``settings.IMPORT_ASYNC_ROWS`` are stored under ``imports/`` and run by a Celery worker, with progress
on a portal Job."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import IO

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from portal.errors import ApplicationError
from portal.jobs import job_create, job_fail, job_finish, job_progress
from portal.models import Job
from procedures.errors import CatalogueError, CatalogueErrorCode
from procedures.excel.build import build_entries, rule_issues
from procedures.excel.format import PROCEDURES
from procedures.excel.issues import CatalogueImportError, Issue
from procedures.excel.reader import count_rows, read_workbook
from procedures.models import Procedure, ProcedureEvent, ProcedureVersion
from procedures.services import procedure_draft_save

IMPORT_JOB = "catalogue_import"
# The Job row is written every this many procedures: often enough for a smooth bar, rarely enough to
# cost nothing next to the import itself.
PROGRESS_EVERY = 20

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ImportSummary:
    procedures: int
    new_procedures: int
    replaced_drafts: int

    @property
    def message(self) -> str:
        return ngettext(
            "Imported %(count)d procedure as a draft (%(new)d new, %(replaced)d drafts replaced).",
            "Imported %(count)d procedures as drafts (%(new)d new, %(replaced)d drafts replaced).",
            self.procedures,
        ) % {"count": self.procedures, "new": self.new_procedures, "replaced": self.replaced_drafts}

    def as_dict(self) -> dict:
        return asdict(self)


def catalogue_import_start(*, upload: UploadedFile, actor: User, language: str) -> ImportSummary | Job:
    """Check the upload's name, size and content; import a small file at once (returns the summary),
    hand a large one to a worker (returns its Job). Raises CatalogueImportError."""
    if os.path.splitext(upload.name or "")[1].lower() != ".xlsx":
        raise CatalogueImportError([Issue(_("Only Excel workbooks (.xlsx) can be imported."))])
    if upload.size > settings.IMPORT_MAX_MB * 1024 * 1024:
        raise CatalogueImportError([Issue(
            _("The file is larger than %(limit)d MB.") % {"limit": settings.IMPORT_MAX_MB}
        )])
    rows = count_rows(upload)
    if rows <= settings.IMPORT_ASYNC_ROWS:
        return catalogue_import(source=upload, actor=actor)
    return _import_later(upload=upload, actor=actor, language=language, rows=rows)


@transaction.atomic
def _import_later(*, upload: UploadedFile, actor: User, language: str, rows: int) -> Job:
    from procedures.tasks import catalogue_import_task  # tasks import this module

    name = get_valid_filename(os.path.basename(upload.name))[-80:]
    path = default_storage.save(f"imports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}-{name}", upload)
    job = job_create(kind=IMPORT_JOB, created_by=actor, total=rows, message=_("Waiting for a worker…"))
    # robust: a broker that is down leaves the job waiting (its page says so), never an error page.
    transaction.on_commit(lambda: catalogue_import_task.apply_async((str(job.pk), path, language), retry=False),
                          robust=True)
    return job


def catalogue_import(*, source: str | IO[bytes], actor: User, progress: Progress | None = None) -> ImportSummary:
    """Import a workbook as drafts, all or nothing. Raises CatalogueImportError listing every problem."""
    parsed = read_workbook(source)
    count = len(parsed.sheets[PROCEDURES.title].rows)
    total = 2 * count  # checking, then saving, each procedure

    def report(done: int, message: str) -> None:
        if progress and (done % PROGRESS_EVERY == 0 or done in (count, total)):
            progress(done, total, message)

    checking = _("Checking the procedures…")
    entries = build_entries(parsed, progress=lambda done: report(done, checking))
    codes = [entry.code for entry in entries]
    saving = _("Saving the drafts…")
    with transaction.atomic():
        known = set(Procedure.objects.filter(code__in=codes).values_list("code", flat=True))
        drafted = set(
            ProcedureVersion.objects.filter(status=ProcedureVersion.Status.DRAFT, procedure__code__in=codes)
            .values_list("procedure__code", flat=True)
        )
        for done, entry in enumerate(entries, start=1):
            try:
                procedure_draft_save(
                    code=entry.code, data=entry.data, actor=actor, event_kind=ProcedureEvent.Kind.IMPORTED
                )
            except CatalogueError as error:
                # The data changed since the check (a centre unpublished meanwhile, say): report it the same way.
                if error.code != CatalogueErrorCode.INVALID:
                    raise
                raise CatalogueImportError(rule_issues(entry, error.extra.get("errors", {}))) from None
            report(count + done, saving)
    return ImportSummary(procedures=len(entries), new_procedures=len(set(codes) - known), replaced_drafts=len(drafted))


def catalogue_import_run(*, job: Job, path: str) -> None:
    """Run a stored import for its Job (the worker's side). Problems in the file fail the job with the
    list; the stored file is removed once the job has an outcome."""
    if job.is_finished:
        return
    job_progress(job=job, done=0, message=_("Reading the file…"))
    try:
        with default_storage.open(path, "rb") as source:
            summary = catalogue_import(
                source=source, actor=job.created_by,
                progress=lambda done, total, message: job_progress(job=job, done=done, total=total, message=message),
            )
    except CatalogueImportError as error:
        job_fail(job=job, message=error.message, result={"errors": error.extra["errors"]})
    except ApplicationError as error:
        job_fail(job=job, message=error.message)
    else:
        job_finish(job=job, message=summary.message, result=summary.as_dict())
    default_storage.delete(path)
