"""Each computed item of the readiness board turns red, amber or green as the data it reads changes, and says
what is missing with a link to where it is fixed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from axis.models import Connection
from dossiers.models import RegistryLookup
from hotlines.models import Hotline
from outbox.models import OutboxMessage
from outbox.services import enqueue
from portal.models import Job
from procedures.models import InternalProcessStep, ProcedureVersion
from procedures.services import procedure_draft_save
from reports.readiness.checks import State
from reports.readiness.selectors import readiness_unit, unit_detail
from reports.readiness.services import trial_run_record
from signatures.models import Certificate
from tests.factories import UserFactory
from tests.procedures.factories import make_data
from tests.reports.readiness_world import deliver, world_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SIGNATURES_KEY_BITS = 2048
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    return world_make()


@pytest.fixture
def ready(world):
    return world.commune_ready("Phường Bãi Cháy")


def result(unit, key):
    readiness = readiness_unit(unit=unit)
    return next(r for r in readiness.results if r.item.key == key)


def gaps(unit, key) -> list[str]:
    return [gap.text for gap in result(unit, key).outcome.gaps]


def test_a_ready_commune_is_green_on_every_computed_item_and_red_only_on_what_is_not_confirmed(ready):
    readiness = readiness_unit(unit=ready.unit)
    states = {r.item.key: r.state for r in readiness.results}
    assert states == {"centre": "green", "hotline": "green", "procedures": "green", "procedures_npsp": "green",
                      "processes": "green", "staff": "green", "certificates": "green", "trial": "green",
                      "axis": "green", "equipment": "red", "training": "red"}
    assert readiness.state == State.RED and readiness.counts == {"green": 9, "amber": 0, "red": 2}


def test_the_centre_unpublished_or_without_hours_and_a_commune_without_centre(world, ready):
    ready.centre.is_published = False
    ready.centre.opening_hours = " "
    ready.centre.save()
    outcome = result(ready.unit, "centre").outcome
    assert outcome.state == State.RED
    assert [g.text for g in outcome.gaps] == [f"{ready.centre.name} is not published.",
                                              f"{ready.centre.name} has no opening hours."]
    assert outcome.gaps[0].url == reverse("admin:units_servicecentre_change", args=[ready.centre.pk])
    # The hotline is not public either while its centre is not.
    assert result(ready.unit, "hotline").state == State.RED

    bare = world.commune("Xã Không Trung Tâm")
    bare.centre.delete()
    outcome = result(bare.unit, "centre").outcome
    assert outcome.state == State.RED and "has no Public Administration Service Centre" in outcome.gaps[0].text
    assert outcome.gaps[0].url.startswith(reverse("admin:units_servicecentre_add") + f"?unit={bare.unit.pk}")


def test_the_hotline_turns_red_when_it_is_switched_off(ready):
    Hotline.objects.filter(centre=ready.centre).update(is_active=False)
    assert gaps(ready.unit, "hotline") == [f"{ready.centre.name} has no hotline."]
    Hotline.objects.filter(centre=ready.centre).update(is_active=True)
    assert result(ready.unit, "hotline").state == State.GREEN


def test_procedures_missing_at_the_centre_and_drafts_never_published(world, ready):
    other = world.commune("Phường Khác")
    # A commune-level procedure in force that only the other ward receives.
    version = world.publish(other.centre)
    outcome = result(ready.unit, "procedures").outcome
    assert outcome.state == State.AMBER
    assert [g.text for g in outcome.gaps] == [
        f"1 commune-level procedure in force is not received at {ready.centre.name}."]
    detail = unit_detail(readiness_unit(unit=ready.unit))
    assert [v.procedure.code for v in detail.not_received.rows] == [version.procedure.code]

    procedure_draft_save(code="1.999999", data=make_data(centres=(ready.centre,), agency=world.agency),
                         actor=world.admin)
    assert f"1 procedure for {ready.centre.name} is a draft never published." in gaps(ready.unit, "procedures")
    # A centre that receives nothing in force is not ready.
    ProcedureVersion.centres.through.objects.filter(servicecentre=other.centre).delete()
    assert gaps(other.unit, "procedures") == [f"No procedure in force is received at {other.centre.name}."]
    assert result(other.unit, "procedures").state == State.RED


def test_procedures_on_the_national_portal_follow_the_outbox(world, ready):
    waiting = world.publish(ready.centre, delivered=False)
    outcome = result(ready.unit, "procedures_npsp").outcome
    assert outcome.state == State.AMBER and outcome.summary == "1 of 2 procedures in force are on the NPSP."
    assert outcome.gaps[0].url == reverse("nationalportal:outbox")
    OutboxMessage.objects.filter(subject=f"procedure:{waiting.procedure.code}").update(status="dead")
    assert gaps(ready.unit, "procedures_npsp") == ["The NPSP refused 1 publication (a dead letter)."]
    detail = unit_detail(readiness_unit(unit=ready.unit))
    assert [(p.version.pk, p.reasons) for p in detail.problems.rows] == [
        (waiting.pk, ["refused by the NPSP (dead letter)"])]
    deliver(waiting)
    assert result(ready.unit, "procedures_npsp").state == State.GREEN
    # Nothing of the centre on the NPSP: red.
    OutboxMessage.objects.filter(topic="procedure").update(status="pending", delivered_at=None)
    assert result(ready.unit, "procedures_npsp").state == State.RED


def test_internal_processes_longer_than_the_legal_time_or_missing(world, ready):
    [version] = ProcedureVersion.objects.current().filter(centres=ready.centre)
    InternalProcessStep.objects.filter(version=version, position=2).update(duration=Decimal("8"))  # 10.5 of 10
    outcome = result(ready.unit, "processes").outcome
    assert outcome.state == State.RED  # the only procedure
    assert outcome.gaps[0].text == ("The internal process of 1 procedure takes longer than its legal processing "
                                    "time.")
    assert outcome.gaps[0].url == reverse("procedures:manage")
    second = world.publish(ready.centre)
    second.steps.all().delete()
    outcome = result(ready.unit, "processes").outcome
    assert outcome.summary == "0 of 2 internal processes within the legal time."
    assert "1 procedure has no internal process." in [g.text for g in outcome.gaps]
    InternalProcessStep.objects.filter(version=version, position=2).update(duration=Decimal("7"))
    assert result(ready.unit, "processes").state == State.AMBER


def test_staff_accounts_per_role(world, ready):
    clerk = ready.staff[User.Role.CLERK]
    clerk.is_active = False
    clerk.save()
    outcome = result(ready.unit, "staff").outcome
    assert outcome.state == State.RED and [g.text for g in outcome.gaps] == ["No active account of a clerk."]
    assert outcome.gaps[0].url == reverse("admin:accounts_user_add") + f"?role=clerk&agency={ready.agency.pk}"
    # A one-stop officer counts where their centre is (here, the provincial centre's).
    User.objects.filter(pk=ready.staff[User.Role.OFFICER].pk).update(centre=world.centre)
    assert "No active account of a one-stop officer." in gaps(ready.unit, "staff")
    UserFactory(role=User.Role.CLERK, agency=ready.agency)
    User.objects.filter(pk=ready.staff[User.Role.OFFICER].pk).update(centre=ready.centre)
    assert result(ready.unit, "staff").state == State.GREEN


def test_every_leader_needs_a_valid_certificate_and_the_agency_its_own(world, ready):
    second = UserFactory(role=User.Role.LEADER, agency=ready.agency, full_name="Trần Văn Phó")
    outcome = result(ready.unit, "certificates").outcome
    assert outcome.state == State.AMBER and outcome.summary == "1 of 2 leaders hold a valid certificate."
    assert outcome.gaps[0].url == reverse("signatures:manage")
    assert [u.full_name for u in unit_detail(readiness_unit(unit=ready.unit)).leaders_without_certificate.rows] == [
        "Trần Văn Phó"]
    Certificate.objects.filter(holder=ready.leader).update(revoked_at=timezone.now() - dt.timedelta(minutes=1))
    assert result(ready.unit, "certificates").state == State.RED
    second.delete()
    Certificate.objects.filter(holder=ready.leader).update(revoked_at=None)
    assert result(ready.unit, "certificates").state == State.GREEN
    Certificate.objects.filter(agency=ready.agency, kind="organisation").update(not_after=timezone.now())
    assert gaps(ready.unit, "certificates") == [f"{ready.agency.name} has no valid agency certificate."]
    assert result(ready.unit, "certificates").state == State.RED


def test_the_trial_run_of_the_commune(world, ready):
    now = timezone.now()
    trial_run_record(started_at=now, finished_at=now + dt.timedelta(minutes=5), ok=False, centres=[ready.centre],
                     failures=["2 messages lost"])
    outcome = result(ready.unit, "trial").outcome
    assert outcome.state == State.AMBER and "failed its checks" in outcome.summary
    other = world.commune("Phường Chưa Chạy Thử")
    assert result(other.unit, "trial").outcome.summary == "No trial operation run recorded."
    trial_run_record(started_at=now, finished_at=now, ok=False, centres=[other.centre])
    assert result(other.unit, "trial").state == State.RED
    trial_run_record(started_at=now, finished_at=now + dt.timedelta(minutes=9), ok=True,
                     centres=[ready.centre, other.centre])
    assert result(other.unit, "trial").state == State.GREEN and result(ready.unit, "trial").state == State.GREEN


def test_document_exchange_reads_the_axis_connection(world, ready):
    connection = Connection.objects.get(agency=ready.agency)
    connection.last_error, connection.last_error_at = "HTTP 503", timezone.now()
    connection.save()
    outcome = result(ready.unit, "axis").outcome
    assert outcome.state == State.RED and "the last exchange failed (HTTP 503)" in outcome.gaps[0].text
    assert outcome.gaps[0].url == reverse("axis:readiness")
    connection.last_success_at = timezone.now()
    connection.save()
    assert result(ready.unit, "axis").state == State.GREEN
    bare = world.commune("Xã Chưa Có Sổ")
    outcome = result(bare.unit, "axis").outcome
    assert outcome.state == State.RED
    assert outcome.gaps[0].url == (reverse("admin:documents_register_add")
                                   + f"?direction=incoming&agency={bare.agency.pk}")


def test_the_province_reaches_the_national_portal(world):
    assert result(world.province, "npsp").state == State.RED
    message = enqueue(topic=OutboxMessage.Topic.DOSSIER_EVENT, subject="d-1", sequence=1, payload={})
    OutboxMessage.objects.filter(pk=message.pk).update(status="delivered", delivered_at=timezone.now())
    assert result(world.province, "npsp").state == State.GREEN
    failing = enqueue(topic=OutboxMessage.Topic.DOSSIER_EVENT, subject="d-2", sequence=1, payload={})
    OutboxMessage.objects.filter(pk=failing.pk).update(attempts=2, last_error="HTTP 503")
    assert gaps(world.province, "npsp") == ["1 message to the NPSP is failing and being retried."]
    # A message for the document axis is not the NPSP's.
    OutboxMessage.objects.all().delete()
    axis = enqueue(topic=OutboxMessage.Topic.DOCUMENT_EXCHANGE, subject="doc", sequence=1, payload={})
    OutboxMessage.objects.filter(pk=axis.pk).update(status="delivered", delivered_at=timezone.now())
    assert result(world.province, "npsp").state == State.RED
    Job.objects.create(kind="npsp_reconcile", status=Job.Status.SUCCEEDED, finished_at=timezone.now())
    assert result(world.province, "npsp").state == State.GREEN


def test_the_province_reaches_the_population_database(world):
    officer = UserFactory(officer=True)
    assert result(world.province, "population").state == State.RED
    RegistryLookup.objects.create(user=officer, cccd="022090012345", outcome="not_found")  # an answer all the same
    assert result(world.province, "population").state == State.GREEN
    RegistryLookup.objects.create(user=officer, cccd="022090012345", outcome="unavailable")
    outcome = result(world.province, "population").outcome
    assert outcome.state == State.AMBER and "was not answered" in outcome.gaps[0].text
    RegistryLookup.objects.create(user=officer, cccd="022090012345", outcome="found")
    assert result(world.province, "population").state == State.GREEN


def test_the_province_has_its_own_items(world):
    readiness = readiness_unit(unit=world.province)
    keys = [r.item.key for r in readiness.results]
    assert keys[-5:] == ["npsp", "population", "emc", "equipment", "training"]
    assert "Accounts: one-stop officer 0, specialist 0, leader 0, clerk 0, hotline officer 0." == next(
        r for r in readiness.results if r.item.key == "staff").outcome.summary
    assert result(world.province, "hotline").outcome.gaps[-1].text == (
        "The province has no province-wide hotline for feedback on administrative procedures.")
