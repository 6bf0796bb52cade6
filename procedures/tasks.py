"""Celery tasks of the catalogue: thin wrappers that load rows by key and call a service."""

from __future__ import annotations

from celery import Task, shared_task
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.translation import gettext as _

from portal.jobs import job_fail
from portal.models import Job
from procedures.imports import catalogue_import_run


class _JobTask(Task):
    """Marks the Job failed when the task gives up for good, so the progress page never waits forever."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        job = Job.objects.filter(pk=kwargs.get("job_id", args[0] if args else None)).first()
        if job is not None and not job.is_finished:
            job_fail(job=job, message=_("The import stopped because of an internal error; nothing was imported."))


@shared_task(
    base=_JobTask, name="procedures.catalogue_import", acks_late=True,
    autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, retry_jitter=True, max_retries=3,
)
def catalogue_import_task(job_id: str, path: str, language: str = "vi") -> None:
    """Import a stored workbook for the Job ``job_id``; the file stays until the job has an outcome."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.is_finished:
        return
    with translation.override(language):
        catalogue_import_run(job=job, path=path)
