"""Real concurrent transactions on PostgreSQL: gap-free codes under simultaneous submissions and filings, and two officers
acting on one dossier at once (exactly one wins, the other gets a conflict and nothing half-done stays)."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from dossiers.errors import DossierConflict
from dossiers.models import Dossier, DossierEvent, DossierStep
from dossiers.services import (
    dossier_create_at_counter,
    dossier_draft_save,
    dossier_receive,
    dossier_refuse,
    dossier_submit,
    step_complete,
)
from tests.dossiers.factories import make_world, received, submitted
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def run_together(calls):
    """Run every call in its own thread (own connection), released at the same instant; outcomes in order."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = ("ok", call())
        except Exception as error:  # noqa: BLE001 - the test inspects whatever each thread got
            outcomes[index] = ("error", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return outcomes


def test_fifty_simultaneous_submissions_and_filings_give_fifty_distinct_gap_free_codes(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    world = make_world()
    officers = [world.officer, *(UserFactory(role="officer", agency=world.commune_agency, centre=world.centre)
                                 for _ in range(4))]
    drafts = [dossier_draft_save(citizen=world.citizen, version=world.version, centre=world.centre,
                                 applicant=world.applicant(), uploads=world.uploads()) for _ in range(40)]
    uploads = [world.uploads() for _ in range(10)]  # read in the main thread: files are not thread-safe

    submissions = [(lambda d=d: dossier_submit(dossier=d, citizen=world.citizen).code) for d in drafts]
    filings = [(lambda o=officers[i % 5], u=uploads[i]: dossier_create_at_counter(
        officer=o, version=world.version, applicant=world.applicant(), uploads=u).code) for i in range(10)]
    outcomes = run_together([*submissions, *filings])

    assert [kind for kind, _value in outcomes] == ["ok"] * 50, [v for k, v in outcomes if k == "error"][:3]
    codes = sorted(value for _kind, value in outcomes)
    prefix = f"{world.commune_agency.code}-{timezone.localdate():%y%m%d}-"
    assert codes == [f"{prefix}{n:04d}" for n in range(1, 51)]
    assert Dossier.objects.filter(state="submitted").count() == 40
    assert Dossier.objects.filter(state="received").count() == 10  # filed at the counter: received at once


def test_two_officers_receiving_the_same_dossier_one_wins(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    world = make_world()
    second = UserFactory(role="officer", agency=world.commune_agency, centre=world.centre)
    dossier = submitted(world)

    outcomes = run_together([lambda: dossier_receive(dossier=dossier, officer=world.officer),
                             lambda: dossier_receive(dossier=dossier, officer=second)])

    kinds = sorted(kind for kind, _value in outcomes)
    assert kinds == ["error", "ok"]
    error = next(value for kind, value in outcomes if kind == "error")
    assert isinstance(error, DossierConflict) and error.status_code == 409
    assert DossierEvent.objects.filter(dossier=dossier, kind="received").count() == 1
    assert DossierStep.objects.filter(dossier=dossier).count() == 4
    assert Dossier.objects.get(pk=dossier.pk).code == dossier.code  # the code of its submission, kept


def test_receive_and_refuse_at_once_leave_one_consistent_outcome(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    world = make_world()
    second = UserFactory(role="officer", agency=world.commune_agency, centre=world.centre)
    dossier = submitted(world)

    outcomes = run_together([lambda: dossier_receive(dossier=dossier, officer=world.officer),
                             lambda: dossier_refuse(dossier=dossier, officer=second, reason="Thiếu giấy tờ")])

    assert sorted(kind for kind, _value in outcomes) == ["error", "ok"]
    code = dossier.code
    dossier.refresh_from_db()
    assert dossier.code == code  # given at submission; a refused dossier keeps it too
    if dossier.state == "received":
        assert dossier.steps.count() == 4
        assert not DossierEvent.objects.filter(dossier=dossier, kind="refused").exists()
    else:
        assert dossier.state == "refused" and dossier.steps.count() == 0


def test_two_officials_completing_the_same_step_one_wins(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    world = make_world()
    colleague = UserFactory(role="specialist", agency=world.commune_agency)
    dossier = received(world)  # step 1 done at receipt: step 2 is the specialists'

    outcomes = run_together([lambda: step_complete(dossier=dossier, position=2, user=world.specialist),
                             lambda: step_complete(dossier=dossier, position=2, user=colleague)])

    assert sorted(kind for kind, _value in outcomes) == ["error", "ok"]
    assert isinstance(next(v for k, v in outcomes if k == "error"), DossierConflict)
    assert DossierEvent.objects.filter(dossier=dossier, kind="step_completed").count() == 2  # receipt's and one
    assert list(dossier.steps.order_by("position").values_list("state", flat=True)) == [
        "done", "done", "active", "waiting"]
