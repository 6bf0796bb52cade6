"""The applicant's emails: sent after the transition commits, in Vietnamese, with the dossier's facts."""

import pytest
from django.core import mail

from dossiers.models import DossierEvent
from dossiers.notifications import event_notify
from dossiers.services import dossier_receive, dossier_request_supplement
from tests.dossiers.factories import submitted

pytestmark = pytest.mark.django_db


def test_receipt_email_is_queued_after_commit_and_says_code_and_due_date(world, django_capture_on_commit_callbacks,
                                                                         settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from portal.celery import app

    app.conf.task_always_eager = True
    try:
        dossier = submitted(world)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            dossier_receive(dossier=dossier, officer=world.officer)
        assert len(mail.outbox) == 0  # nothing leaves before the commit
        for callback in callbacks:
            callback()
    finally:
        app.conf.task_always_eager = False
    dossier.refresh_from_db()
    [message] = mail.outbox
    assert message.to == ["an@example.vn"]
    assert message.subject == f"Hồ sơ {dossier.code}: Đã tiếp nhận"
    assert dossier.code in message.body
    assert "Đăng ký khai sinh" in message.body


def test_supplement_email_lists_what_is_missing(world):
    dossier = submitted(world)
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Ảnh mờ", items=["Giấy chứng sinh"])
    event = DossierEvent.objects.get(dossier=dossier, kind="supplement_requested")
    assert event_notify(event=event)
    body = mail.outbox[-1].body
    assert "Ảnh mờ" in body and "- Giấy chứng sinh" in body


def test_no_email_address_no_email(world):
    dossier = submitted(world, email="")
    dossier_receive(dossier=dossier, officer=world.officer)
    event = DossierEvent.objects.get(dossier=dossier, kind="received")
    assert event_notify(event=event) is False


def test_the_submission_email_gives_the_code_to_track_the_dossier_by(world):
    dossier = submitted(world)
    assert event_notify(event=DossierEvent.objects.get(dossier=dossier, kind="submitted"))
    message = mail.outbox[-1]
    assert message.subject == f"Hồ sơ {dossier.code}: Nộp trực tuyến"
    assert f"với mã hồ sơ {dossier.code}" in message.body
    assert f"Mã hồ sơ: {dossier.code}" in message.body
    assert f"/dossiers/lookup/?code={dossier.code}" in message.body


def test_a_supplement_asked_at_the_check_already_carries_the_code_and_its_lookup(world):
    dossier = submitted(world)  # online, checked at the desk: it has its code from its submission
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Ảnh mờ", items=["Giấy chứng sinh"])
    event_notify(event=DossierEvent.objects.get(dossier=dossier, kind="supplement_requested"))
    body = mail.outbox[-1].body
    assert f"Mã hồ sơ: {dossier.code}" in body
    assert f"/dossiers/lookup/?code={dossier.code}" in body
    assert "?code=\n" not in body and "?code= " not in body and not body.rstrip().endswith("?code=")
