"""What people see: the status panel on the dossier's page (applicant and officials), the preferences page."""

import pytest
from django.test import Client
from django.urls import reverse

from notifications.models import Notification, Preference
from notifications.services import notification_deliver
from tests.dossiers.factories import received

pytestmark = pytest.mark.django_db


def page(user, url) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_dossier_page_lists_the_messages_with_channel_masked_phone_and_state(world, sms):
    world.specialist.phone = "0903111222"
    world.specialist.save()
    dossier = received(world)
    notification_deliver(notification_id=Notification.objects.get(dossier_id=dossier.pk, channel="sms",
                                                                   template="dossier.received").pk)
    url = reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})
    mine = page(world.citizen, url)
    assert "Tin nhắn đã gửi cho bạn" in mine and "0912•••678" in mine and "0912345678" not in mine
    assert f"Hồ sơ {dossier.code} đã được tiếp nhận" in mine and "Đã gửi" in mine
    assert "0903•••222" not in mine  # the officials' own reminders are theirs
    theirs = page(world.officer, url)
    assert "Thông báo đã gửi" in theirs and "0912•••678" in theirs and "0903•••222" in theirs
    assert "Đang chờ gửi" in theirs  # the specialist's step-to-do SMS is still pending


def test_a_dossier_without_messages_has_no_panel(world):
    dossier = received(world)
    Notification.objects.filter(dossier_id=dossier.pk).delete()
    assert "Tin nhắn đã gửi cho bạn" not in page(world.citizen, reverse("dossiers:detail",
                                                                         kwargs={"uuid": dossier.uuid}))


def test_the_preferences_page_shows_defaults_saves_choices_and_refuses_what_cannot_reach(world):
    citizen = world.citizen
    citizen.phone, citizen.email = "0912345678", ""
    citizen.save()
    client = Client()
    client.force_login(citizen)
    assert "Nhận thông báo qua SMS, Zalo và thư điện tử" in client.get(reverse("accounts:home")).content.decode()
    url = reverse("notifications:preferences")
    html = client.get(url).content.decode()
    assert "Cách nhận thông báo về hồ sơ" in html and "0912•••678" in html
    assert 'name="sms" id="id_sms" checked' in html and 'name="email" id="id_email" checked' not in html
    response = client.post(url, {"zalo": "on"})
    assert response.status_code == 302
    assert Preference.objects.filter(user=citizen, sms=False, zalo=True, email=False).exists()
    refused = client.post(url, {"sms": "on", "email": "on"}).content.decode()
    assert "chưa có địa chỉ thư điện tử" in refused
    assert Preference.objects.get(user=citizen).sms is False  # nothing saved
    assert client.post(url, {"sms": "\x00" * 10_000}).status_code in (200, 302, 400)


def test_the_preferences_page_needs_a_login(client):
    response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 302 and "login" in response["Location"]
