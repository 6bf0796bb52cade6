"""Officials' due-soon and overdue reminders: the hourly beat sends each once a day, never twice."""

import datetime as dt

import pytest
from django.utils import timezone

from dossiers.models import DossierStep
from notifications.deadlines import remind
from notifications.models import Notification
from tests.dossiers.factories import received

pytestmark = pytest.mark.django_db


def test_a_step_due_soon_then_overdue_is_reminded_once_a_day(world):
    world.specialist.phone = "0903111222"
    world.specialist.save()
    dossier = received(world)
    step = DossierStep.objects.get(dossier=dossier, state=DossierStep.State.ACTIVE)
    now = step.due_at - dt.timedelta(hours=3)
    assert remind(now=now) == 1
    assert remind(now=now + dt.timedelta(minutes=50)) == 0  # the next hour, the same day: nothing new
    [soon] = Notification.objects.filter(template="step.due_soon")
    assert soon.user == world.specialist and soon.channel == "sms" and dossier.code in soon.text
    later = step.due_at + dt.timedelta(days=1)
    assert remind(now=later) == 1 and remind(now=later) == 0
    [overdue] = Notification.objects.filter(template="step.overdue")
    assert timezone.localdate(later).isoformat() in overdue.key and overdue.user == world.specialist
    assert remind(now=later + dt.timedelta(days=1)) == 1  # a new day, a new reminder


def test_nothing_is_due_far_ahead_and_closed_steps_are_left_alone(world):
    world.specialist.phone = "0903111222"
    world.specialist.save()
    dossier = received(world)
    step = DossierStep.objects.get(dossier=dossier, state=DossierStep.State.ACTIVE)
    assert remind(now=step.due_at - dt.timedelta(days=3)) == 0
    DossierStep.objects.filter(pk=step.pk).update(state=DossierStep.State.DONE)
    assert remind(now=step.due_at + dt.timedelta(days=1)) == 0
