"""The outbox rows of an event: written in its transaction (and rolled back with it), one per recipient and
channel, by the citizen's preferences; walk-in applicants get SMS; officials hear of a step to do."""

import pytest
from django.db import transaction

from accounts.messaging import text_message_send
from dossiers.models import Dossier
from dossiers.services import dossier_receive, dossier_request_supplement
from dossiers.services.intake import dossier_create_at_counter
from notifications.models import Notification
from notifications.services import preference_set
from portal.dates import date_text
from tests.dossiers.factories import submitted

pytestmark = pytest.mark.django_db


def rows(dossier, **filters):
    return list(Notification.objects.filter(dossier_id=dossier.pk, template__startswith="dossier.", **filters))


def test_receipt_writes_the_applicants_sms_in_the_transaction_with_code_and_due_date(world, settings):
    settings.SMS_ENCODING = "unaccented"
    dossier = submitted(world)
    dossier = dossier_receive(dossier=dossier, officer=world.officer)
    [sms] = rows(dossier, channel="sms")
    assert sms.state == "pending" and sms.phone == "0912345678" and sms.user == world.citizen
    assert sms.template == "dossier.received" and sms.segments == 1
    assert sms.key == f"dossier-event:{dossier.events.get(kind='received').pk}:sms:u{world.citizen.pk}"
    assert dossier.code in sms.text and date_text(dossier.due_at) in sms.text
    assert sms.text.startswith("Ho so ") and "da duoc tiep nhan" in sms.text  # unaccented, đ → d
    # The dossier's own e-mail (dossiers.notifications) travels through the same outbox.
    [email] = rows(dossier, channel="email", template="dossier.received")
    assert (email.state, email.email, email.subject) == ("pending", "an@example.vn", f"Hồ sơ {dossier.code}: Đã tiếp nhận")
    assert dossier.code in email.text and "Đăng ký khai sinh" in email.text


def test_the_email_leaves_once_after_commit_and_follows_the_preference(world, django_capture_on_commit_callbacks):
    from django.core import mail

    from notifications.services import notification_deliver

    dossier = submitted(world)
    [submission] = rows(dossier, channel="email")  # submission: e-mail only, with the code to track it by
    assert submission.template == "dossier.submitted" and rows(dossier, channel="sms") == []
    assert notification_deliver(notification_id=submission.pk).state == "sent"
    assert notification_deliver(notification_id=submission.pk) is None
    [message] = mail.outbox
    assert message.to == ["an@example.vn"] and dossier.code in message.subject and message.body == submission.text
    preference_set(user=world.citizen, sms=True, zalo=False, email=False)
    dossier_receive(dossier=dossier, officer=world.officer)
    assert [n.channel for n in rows(dossier, template="dossier.received")] == ["sms"]


def test_the_rows_roll_back_with_the_event(world):
    dossier = submitted(world)
    with pytest.raises(RuntimeError), transaction.atomic():
        dossier_receive(dossier=dossier, officer=world.officer)
        assert rows(dossier, channel="sms")  # there, inside the transaction
        raise RuntimeError("the change fails after the event")
    assert rows(dossier, template="dossier.received") == []
    assert Dossier.objects.get(pk=dossier.pk).state == "submitted"


def test_ucs2_keeps_the_diacritics(world, settings):
    settings.SMS_ENCODING = "ucs2"
    dossier = dossier_receive(dossier=submitted(world), officer=world.officer)
    [sms] = rows(dossier, channel="sms")
    assert "Hồ sơ" in sms.text and "đã được tiếp nhận" in sms.text and dossier.code in sms.text


def test_preferences_choose_the_channels(world):
    preference_set(user=world.citizen, sms=False, zalo=True, email=False)
    dossier = dossier_receive(dossier=submitted(world), officer=world.officer)
    assert [n.channel for n in rows(dossier)] == ["zalo"]
    preference_set(user=world.citizen, sms=False, zalo=False, email=False)
    dossier_request_supplement(dossier=dossier, user=world.officer, reason="Ảnh mờ", items=["Giấy chứng sinh"])
    assert [n.channel for n in rows(dossier, template="dossier.supplement_requested")] == []


def test_a_walk_in_applicant_without_an_account_gets_sms(world):
    applicant = world.applicant(cccd="001099012345", phone="0987 654 321", email="")
    dossier = dossier_create_at_counter(officer=world.officer, version=world.version, applicant=applicant,
                                        uploads=world.uploads())
    assert dossier.applicant is None
    [sms] = rows(dossier)
    assert (sms.channel, sms.phone, sms.user, sms.template) == ("sms", "0987654321", None, "dossier.received")
    assert dossier.code in sms.text


def test_a_step_to_do_is_told_to_the_agencys_officials_of_that_role(world):
    world.specialist.phone = "0903111222"
    world.specialist.save()
    dossier = dossier_receive(dossier=submitted(world), officer=world.officer)  # completes the centre's step
    [todo] = Notification.objects.filter(dossier_id=dossier.pk, template="step.todo")
    assert (todo.channel, todo.user, todo.phone) == ("sms", world.specialist, "0903111222")
    assert dossier.code in todo.text


def test_the_password_reset_code_is_queued_as_a_confidential_sms(db):
    assert text_message_send(phone="0912 345 678", text="Ma dat lai mat khau: 482913", purpose="password_reset")
    [sms] = Notification.objects.filter(template="accounts.password_reset")
    assert sms.secret and sms.shown_text == "••••" and sms.phone == "0912345678"
    assert text_message_send(phone="not a phone", text="x", purpose="password_reset") is False


def test_fees_paid_online_are_confirmed_with_the_amount(world, settings):
    from dossiers import events
    from dossiers.models import DossierEvent

    settings.SMS_ENCODING = "unaccented"
    dossier = dossier_receive(dossier=submitted(world), officer=world.officer)
    events.record(dossier, kind=DossierEvent.Kind.PAID, actor=None, data={"paid_online": 1, "amount_paid": 150000})
    [sms] = rows(dossier, channel="sms", template="dossier.paid")
    assert sms.text == f"Da nhan khoan thanh toan phi, le phi 150.000 dong cua ho so {dossier.code}."
