"""Petitions: the citizen's e-mails of the petition's steps and an SMS when it is answered and published, all
through the outbox; the officials' petition page lists them."""

import pytest
from django.test import Client
from django.urls import reverse

from notifications.models import Notification
from tests.feedback.factories import answered, make_feedback_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def feedback_world(db):
    return make_feedback_world()


def test_an_answered_and_published_petition_is_told_by_sms_and_email_and_listed_on_its_page(feedback_world):
    petition = answered(feedback_world, publish=True)
    rows = Notification.objects.filter(petition_id=petition.pk)
    sms = {n.template: n for n in rows.filter(channel="sms")}
    assert set(sms) == {"petition.answered", "petition.published"}
    assert sms["petition.answered"].phone == "0912345678" and petition.code in sms["petition.answered"].text
    emails = {n.template for n in rows.filter(channel="email")}
    assert {"petition.submitted", "petition.answered", "petition.published"} <= emails
    client = Client()
    client.force_login(feedback_world.centre_leader)
    page = client.get(reverse("feedback:detail", kwargs={"uuid": petition.uuid})).content.decode()
    assert "Thông báo đã gửi" in page and "0912•••678" in page
    assert f"Phản ánh, kiến nghị {petition.code} đã được trả lời" in page
