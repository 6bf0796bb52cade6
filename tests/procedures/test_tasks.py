"""Large imports in the background: the Job's progress, the task, and a real Celery worker."""

import io
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections, transaction
from django.utils import translation

from portal.celery import app as celery_app
from portal.jobs import job_create, job_fail, job_finish, job_progress
from portal.models import Job
from procedures.imports import catalogue_import, catalogue_import_start
from procedures.models import ProcedureVersion
from procedures.tasks import catalogue_import_task
from tests.procedures.fixtures.catalogue import catalogue_counts, make_refs
from tests.procedures.fixtures.workbooks import procedure_row, steps_for, workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def english():
    """Messages are English msgids; assert them in English whatever catalogue is compiled."""
    with translation.override("en"):
        yield


def big_workbook(count: int, *, bad_agency_at: int | None = None) -> bytes:
    rows = [
        procedure_row(f"1.{n:06d}", agency="H99.99" if n == bad_agency_at else "H22.10", field="ho-tich")
        for n in range(1, count + 1)
    ]
    steps = [step for n in range(1, count + 1) for step in steps_for(f"1.{n:06d}", 4)]
    return workbook_bytes(rows, steps=steps)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def eager(monkeypatch):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", True)


def stored_imports(media: Path) -> list[Path]:
    return [p for p in (media / "imports").rglob("*") if p.is_file()] if (media / "imports").exists() else []


@pytest.mark.django_db
def test_progress_is_reported_every_n_procedures_while_checking_then_saving():
    refs = make_refs()
    calls = []
    catalogue_import(source=io.BytesIO(big_workbook(45)), actor=refs.admin,
                     progress=lambda done, total, message: calls.append((done, total, message)))
    assert [(done, total) for done, total, _message in calls] == [
        (20, 90), (40, 90), (45, 90), (60, 90), (80, 90), (90, 90)]
    assert calls[0][2] == "Checking the procedures…" and calls[-1][2] == "Saving the drafts…"


@pytest.mark.django_db
def test_a_small_upload_is_imported_at_once(media, settings):
    refs = make_refs()
    settings.IMPORT_ASYNC_ROWS = 100
    upload = SimpleUploadedFile("danh-muc.xlsx", big_workbook(10), content_type=XLSX)  # 20 rows
    summary = catalogue_import_start(upload=upload, actor=refs.admin, language="vi")
    assert summary.procedures == 10
    assert stored_imports(media) == [] and not Job.objects.exists()


@pytest.mark.django_db
def test_a_large_upload_runs_as_a_task_with_its_job(media, settings, eager, django_capture_on_commit_callbacks):
    refs = make_refs()
    settings.IMPORT_ASYNC_ROWS = 30
    upload = SimpleUploadedFile("../../etc/Danh mục <mới>.xlsx", big_workbook(25), content_type=XLSX)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = catalogue_import_start(upload=upload, actor=refs.admin, language="en")
    assert isinstance(job, Job) and job.status == Job.Status.PENDING and job.total == 50
    [stored] = stored_imports(media)
    assert stored.parent.parent.parent == media / "imports" and stored.name.endswith("-Danh_mục_mới.xlsx")
    assert not ProcedureVersion.objects.exists()

    callbacks[0]()  # the commit hands the job to Celery (eager here)

    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent) == (Job.Status.SUCCEEDED, 50, 50, 100)
    assert job.message == "Imported 25 procedures as drafts (25 new, 0 drafts replaced)."
    assert job.result == {"procedures": 25, "new_procedures": 25, "replaced_drafts": 0}
    assert ProcedureVersion.objects.filter(status="draft").count() == 25
    assert stored_imports(media) == []


@pytest.mark.django_db
def test_a_task_whose_file_has_problems_fails_its_job_with_the_list(media):
    refs = make_refs()
    path = default_storage.save("imports/test/bad.xlsx", io.BytesIO(big_workbook(30, bad_agency_at=27)))
    job = job_create(kind="catalogue_import", created_by=refs.admin, total=60)
    before = catalogue_counts()

    catalogue_import_task(str(job.pk), path, "en")

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert [e["text"] for e in job.result["errors"]] == [
        "Thủ tục, row 28, column G: The agency code H99.99 does not exist."]
    assert job.result["errors"][0] | {"text": ""} == {
        "sheet": "Thủ tục", "row": 28, "column": "G", "message": "The agency code H99.99 does not exist.", "text": ""}
    assert catalogue_counts() == before
    assert not default_storage.exists(path)


@pytest.mark.django_db
def test_the_task_returns_quietly_for_a_missing_or_finished_job(media):
    refs = make_refs()
    path = default_storage.save("imports/test/ok.xlsx", io.BytesIO(big_workbook(2)))
    catalogue_import_task(str(uuid.uuid4()), path, "vi")
    job = job_finish(job=job_create(kind="catalogue_import", created_by=refs.admin), message="done")
    catalogue_import_task(str(job.pk), path, "vi")
    assert not ProcedureVersion.objects.exists() and default_storage.exists(path)


@pytest.mark.django_db
def test_a_job_whose_task_crashes_is_marked_failed(media, eager, monkeypatch):
    refs = make_refs()
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)  # let Celery handle the failure
    job = job_create(kind="catalogue_import", created_by=refs.admin)
    result = catalogue_import_task.delay(str(job.pk), "imports/missing.xlsx", "vi")
    assert result.failed() and isinstance(result.result, FileNotFoundError)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == "The import stopped because of an internal error; nothing was imported."


@pytest.mark.django_db
def test_job_progress_and_outcome():
    job = job_create(kind="test", created_by=None, total=0)
    job_progress(job=job, done=5, total=20, message="Đang xử lý")
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent, job.message) == ("running", 5, 20, 25, "Đang xử lý")
    job_fail(job=job, message="Hỏng", result={"errors": []})
    job.refresh_from_db()
    assert (job.status, job.percent, job.is_finished, job.message) == ("failed", 25, True, "Hỏng")
    assert job.finished_at is not None


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_progress_inside_a_transaction_is_visible_to_other_connections_before_commit():
    job = job_create(kind="test", created_by=None, total=10)
    other = connections.create_connection("default")
    try:
        with transaction.atomic():
            job_progress(job=job, done=7, message="Giữa chừng")
            with other.cursor() as cursor:
                cursor.execute("SELECT status, done, message FROM portal_job WHERE id = %s", [job.pk.hex])
                assert cursor.fetchone() == ("running", 7, "Giữa chừng")
    finally:
        other.close()


def _database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.postgres_only
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (set REDIS_URL)")
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_imports_300_procedures_with_visible_progress(media, settings, monkeypatch):
    refs = make_refs()
    settings.IMPORT_ASYNC_ROWS = 200
    queue = f"test-imports-{uuid.uuid4().hex[:8]}"  # no other worker on this Redis takes our message
    monkeypatch.setitem(celery_app.conf, "task_default_queue", queue)
    env = {**os.environ, "DATABASE_URL": _database_url(), "MEDIA_ROOT": str(media),
           "REDIS_URL": os.environ["REDIS_URL"], "DJANGO_SETTINGS_MODULE": "portal.settings"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "-Q", queue,
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=django_settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        upload = SimpleUploadedFile("lon.xlsx", big_workbook(300), content_type=XLSX)
        job = catalogue_import_start(upload=upload, actor=refs.admin, language="vi")
        assert isinstance(job, Job)
        seen = set()
        deadline = time.monotonic() + 55
        while time.monotonic() < deadline:
            job.refresh_from_db()
            seen.add((job.status, job.done))
            if job.is_finished:
                break
            time.sleep(0.05)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=20)[0].decode(errors="replace")
    assert job.status == Job.Status.SUCCEEDED, (job.status, job.message, output[-3000:])
    assert (job.done, job.total) == (600, 600)
    assert ProcedureVersion.objects.filter(status="draft").count() == 300
    # Progress of the saving half (done > 300) was visible while the import's transaction was still open.
    assert any(status == "running" and 300 < done < 600 for status, done in seen), sorted(seen)
    assert stored_imports(media) == []
