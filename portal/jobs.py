"""Progress of long work (Job rows): created by the code that starts the work, advanced by the worker,
read by the page that polls it.

Progress must reach the polling page while the work is still inside its own transaction (an import is
all or nothing), so on PostgreSQL ``job_progress`` writes through a short-lived connection of its own."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser as User
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import NotFound, PortalErrorCode
from portal.models import Job

logger = logging.getLogger(__name__)


def job_create(*, kind: str, created_by: User | None, total: int = 0, message: str = "") -> Job:
    return Job.objects.create(kind=kind, created_by=created_by, total=total, message=message)


def job_get(*, pk) -> Job:
    """The job, or NotFound (also for ids that are not UUIDs)."""
    try:
        return Job.objects.get(pk=pk)
    except (Job.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("There is no such job."), code=PortalErrorCode.JOB_NOT_FOUND) from None


def job_progress(*, job: Job, done: int, total: int | None = None, message: str | None = None) -> None:
    """Record that ``done`` of ``total`` units are finished; the job is running from now on."""
    values: dict[str, Any] = {"status": Job.Status.RUNNING, "done": done, "updated_at": timezone.now()}
    if total is not None:
        values["total"] = total
    if message is not None:
        values["message"] = message[:500]
    for name, value in values.items():
        setattr(job, name, value)
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block and connection.vendor == "postgresql" and _update_on_own_connection(job, values):
        return
    # Outside a transaction this is visible at once. Inside one on SQLite (a single writer at a time)
    # it becomes visible when the caller commits.
    Job.objects.filter(pk=job.pk).update(**values)


def job_finish(*, job: Job, result: dict | None = None, message: str = "") -> Job:
    return _close(job, status=Job.Status.SUCCEEDED, result=result, message=message)


def job_fail(*, job: Job, message: str, result: dict | None = None) -> Job:
    return _close(job, status=Job.Status.FAILED, result=result, message=message)


def _close(job: Job, *, status: str, result: dict | None, message: str) -> Job:
    now = timezone.now()
    job.status, job.message, job.finished_at, job.updated_at = status, message[:500], now, now
    job.result = result or {}
    if status == Job.Status.SUCCEEDED:
        job.done = job.total
    job.save(update_fields=["status", "message", "result", "finished_at", "updated_at", "done"])
    return job


def _update_on_own_connection(job: Job, values: dict[str, Any]) -> bool:
    """UPDATE the job through a fresh autocommit connection. False when that connection cannot see the
    row (it was created in the caller's uncommitted transaction, as in tests) or cannot lock it."""
    own = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        ops = own.ops
        fields = [Job._meta.get_field(name) for name in values]
        assignments = ", ".join(f"{ops.quote_name(f.column)} = %s" for f in fields)
        params = [f.get_db_prep_save(values[f.name], own) for f in fields]
        params.append(Job._meta.pk.get_db_prep_value(job.pk, own))
        with own.cursor() as cursor:
            # Never wait on a lock the caller itself might hold: that would wait forever.
            cursor.execute("SET lock_timeout = '2s'")
            cursor.execute(
                f"UPDATE {ops.quote_name(Job._meta.db_table)} SET {assignments} "
                f"WHERE {ops.quote_name(Job._meta.pk.column)} = %s",
                params,
            )
            return cursor.rowcount == 1
    except OperationalError:
        logger.warning("Could not record progress of job %s on a separate connection", job.pk, exc_info=True)
        return False
    finally:
        own.close()
