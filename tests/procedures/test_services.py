"""Catalogue writes: drafts, publication under a decision, immutability and supersession."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection

from procedures.errors import CatalogueConflict, CatalogueError, CatalogueForbidden, CatalogueNotFound
from procedures.models import (
    Fee,
    InternalProcessStep,
    Procedure,
    ProcedureEvent,
    ProcedureVersion,
    PublicationDecision,
    RequiredComponent,
)
from procedures.services import (
    ComponentData,
    StepData,
    decision_create,
    procedure_draft_from_published,
    procedure_draft_save,
    procedure_publish,
)
from tests.factories import ServiceCentreFactory, UserFactory
from tests.procedures.factories import make_data, publish_new

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages are asserted in their English source form (the Vietnamese ones are in the catalogue)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def admin():
    return UserFactory(admin=True)


def counts():
    return tuple(
        m.objects.count()
        for m in (Procedure, ProcedureVersion, RequiredComponent, Fee, InternalProcessStep, ProcedureEvent,
                  PublicationDecision)
    )


def decision(admin, number="1/QĐ-UBND", signed_on=dt.date(2025, 6, 20)):
    return decision_create(number=number, signed_on=signed_on, signer="Trần Văn Ký", signer_position="Chủ tịch",
                           actor=admin)


def test_draft_save_creates_procedure_and_first_draft(admin):
    version = procedure_draft_save(code=" 1.000101 ", data=make_data(), actor=admin)

    version.refresh_from_db()
    assert version.procedure.code == "1.000101"
    assert (version.number, version.status) == (1, "draft")
    assert [c.name for c in version.components.all()] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    assert [(s.position, s.name, s.duration) for s in version.steps.all()] == [
        (1, "Tiếp nhận hồ sơ", Decimal("0.50")), (2, "Thẩm định", Decimal("7.00")), (3, "Phê duyệt", Decimal("2.00"))
    ]
    assert version.fees.get().description == "Lệ phí đăng ký khai sinh"
    assert version.centres.count() == 1
    assert version.search_text == "1.000101 dang ky khai sinh birth registration ho tich civil status"
    event = ProcedureEvent.objects.get()
    assert (event.kind, event.actor, event.version, event.data) == ("drafted", admin, version,
                                                                   {"number": 1, "replaced": False})


def test_saving_again_replaces_the_draft_content(admin):
    first = procedure_draft_save(code="1.000101", data=make_data(), actor=admin)
    data = make_data(
        name="Đăng ký khai sinh có yếu tố nước ngoài",
        components=(ComponentData(name="Hộ chiếu"),),
        steps=(StepData(name="Xử lý", responsible_role="specialist", duration=Decimal("3")),),
        fees=(),
    )
    second = procedure_draft_save(code="1.000101", data=data, actor=admin, event_kind=ProcedureEvent.Kind.IMPORTED)

    assert second.pk == first.pk and second.number == 1
    second.refresh_from_db()
    assert second.name == "Đăng ký khai sinh có yếu tố nước ngoài"
    assert "nuoc ngoai" in second.search_text
    assert list(second.components.values_list("position", "name")) == [(1, "Hộ chiếu")]
    assert second.steps.count() == 1 and second.fees.count() == 0
    assert RequiredComponent.objects.count() == 1 and InternalProcessStep.objects.count() == 1
    assert list(ProcedureEvent.objects.values_list("kind", "data__replaced")) == [
        ("drafted", False), ("imported", True)
    ]


@pytest.mark.parametrize("role", ["citizen", "officer", "leader"])
def test_only_provincial_admins_save_drafts(role):
    actor = UserFactory(role=role)
    before = counts()
    with pytest.raises(CatalogueForbidden) as exc:
        procedure_draft_save(code="1.000101", data=make_data(), actor=actor)
    assert exc.value.code == "catalogue.forbidden" and exc.value.status_code == 403
    assert str(exc.value.message) == "Only a provincial admin can change the procedure catalogue."
    assert counts() == before


def test_superuser_counts_as_admin():
    root = UserFactory(is_superuser=True)
    assert procedure_draft_save(code="1.000101", data=make_data(), actor=root).number == 1


def test_invalid_draft_raises_with_every_error_and_changes_nothing(admin):
    procedure_draft_save(code="1.000101", data=make_data(), actor=admin)
    before = counts()
    steps = (StepData(name="Xử lý", responsible_role="specialist", duration=Decimal("12")),)
    with pytest.raises(CatalogueError) as exc:
        procedure_draft_save(code="1.000101", data=make_data(name="", steps=steps), actor=admin)

    assert exc.value.code == "catalogue.invalid" and exc.value.status_code == 400
    assert exc.value.extra["errors"] == {
        "name": ["Enter the name of the procedure."],
        "steps": ["The steps take 12 working days in total, 2 working days more than the legal processing "
                  "time of 10 working days."],
    }
    assert counts() == before
    assert ProcedureVersion.objects.get().name == "Đăng ký khai sinh"


def test_invalid_new_code_creates_no_procedure(admin):
    with pytest.raises(CatalogueError):
        procedure_draft_save(code="1.23", data=make_data(), actor=admin)
    assert counts() == (0, 0, 0, 0, 0, 0, 0)


def test_publish_records_decision_date_and_event(admin):
    draft = procedure_draft_save(code="1.000101", data=make_data(), actor=admin)
    qd = decision(admin)

    [version] = procedure_publish(versions=[draft], decision=qd, effective_from=dt.date(2025, 7, 1), actor=admin)

    version.refresh_from_db()
    assert (version.status, version.decision, version.effective_from) == ("published", qd, dt.date(2025, 7, 1))
    assert version.published_by == admin and version.published_at is not None
    event = ProcedureEvent.objects.get(kind="published")
    assert event.version == version and event.actor == admin
    assert event.data == {
        "number": 1, "decision": "1/QĐ-UBND", "decision_signed_on": "2025-06-20",
        "effective_from": "2025-07-01", "supersedes": None,
    }
    assert ProcedureVersion.objects.current(dt.date(2025, 7, 1)).get() == version
    assert not ProcedureVersion.objects.current(dt.date(2025, 6, 30)).exists()


def test_published_version_is_immutable_a_change_makes_a_new_draft(admin):
    v1 = publish_new("1.000101", admin)
    v2 = procedure_draft_save(
        code="1.000101", data=make_data(name="Tên mới", components=(ComponentData(name="Hộ chiếu"),)), actor=admin
    )

    assert (v2.number, v2.status) == (2, "draft") and v2.pk != v1.pk
    v1.refresh_from_db()
    assert v1.name == "Đăng ký khai sinh" and v1.status == "published"
    assert list(v1.components.values_list("name", flat=True)) == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    assert ProcedureVersion.objects.current().get() == v1


def test_draft_from_published_copies_everything(admin, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    centres = (ServiceCentreFactory(), ServiceCentreFactory())
    v1 = publish_new("1.000101", admin, centres=centres, cutoff_hour=dt.time(16), legal_basis="Luật Hộ tịch 2014")
    component = v1.components.get(position=1)
    component.form_file.name = "procedure-forms/to-khai.docx"
    component.save()

    draft = procedure_draft_from_published(procedure=v1.procedure, actor=admin)

    assert (draft.number, draft.status, draft.decision, draft.effective_from) == (2, "draft", None, None)
    for name in ("name", "name_en", "field", "level", "agency", "processing_time", "cutoff_hour", "legal_basis",
                 "result_type", "online_level", "search_text"):
        assert getattr(draft, name) == getattr(v1, name), name
    assert set(draft.centres.all()) == set(centres)

    def rows(version):
        return (
            list(version.components.values_list("position", "name", "originals", "copies", "is_mandatory",
                                                "form_file")),
            list(version.fees.values_list("position", "description", "amount")),
            list(version.steps.values_list("position", "name", "responsible_role", "duration")),
        )

    assert rows(draft) == rows(v1)
    assert draft.components.get(position=1).form_file.name == "procedure-forms/to-khai.docx"
    assert ProcedureEvent.objects.filter(kind="drafted").last().data == {"number": 2, "from_version": 1}
    # Asking again returns the same draft rather than a second one.
    assert procedure_draft_from_published(procedure=v1.procedure, actor=admin) == draft


def test_draft_from_published_needs_a_published_version(admin):
    draft = procedure_draft_save(code="1.000101", data=make_data(), actor=admin)
    assert procedure_draft_from_published(procedure=draft.procedure, actor=admin) == draft
    draft.delete()
    with pytest.raises(CatalogueNotFound):
        procedure_draft_from_published(procedure=draft.procedure, actor=admin)


def test_new_version_supersedes_from_its_effective_date(admin):
    v1 = publish_new("1.000101", admin, effective_from=dt.date(2025, 7, 1))
    draft = procedure_draft_save(code="1.000101", data=make_data(name="Đăng ký khai sinh (mới)"), actor=admin)
    [v2] = procedure_publish(
        versions=[draft], decision=decision(admin, "2/QĐ-UBND", dt.date(2025, 8, 1)),
        effective_from=dt.date(2025, 9, 1), actor=admin,
    )

    current = ProcedureVersion.objects.current
    assert current(dt.date(2025, 7, 15)).get() == v1
    assert current(dt.date(2025, 8, 31)).get() == v1
    assert current(dt.date(2025, 9, 1)).get() == v2
    assert current(dt.date(2026, 1, 1)).get() == v2
    assert ProcedureEvent.objects.filter(kind="published").last().data["supersedes"] == 1


def test_same_effective_date_the_higher_number_wins(admin):
    publish_new("1.000101", admin, effective_from=dt.date(2025, 7, 1))
    v2 = publish_new("1.000101", admin, effective_from=dt.date(2025, 7, 1), name="Bản sửa")
    assert ProcedureVersion.objects.current(dt.date(2025, 7, 1)).get() == v2


def test_current_ignores_drafts_and_is_per_procedure(admin):
    a = publish_new("1.000101", admin)
    b = publish_new("1.000102", admin, effective_from=dt.date(2025, 8, 1))
    procedure_draft_save(code="1.000101", data=make_data(name="Nháp"), actor=admin)
    procedure_draft_save(code="1.000103", data=make_data(), actor=admin)
    assert set(ProcedureVersion.objects.current(dt.date(2025, 7, 1))) == {a}
    assert set(ProcedureVersion.objects.current(dt.date(2025, 8, 1))) == {a, b}
    # Chained after another filter it still picks per procedure, not globally.
    assert set(ProcedureVersion.objects.filter(procedure__code="1.000102").current(dt.date(2025, 8, 1))) == {b}


def test_new_version_cannot_take_effect_before_the_one_in_force(admin):
    publish_new("1.000101", admin, effective_from=dt.date(2025, 7, 1))
    draft = procedure_draft_save(code="1.000101", data=make_data(), actor=admin)
    qd = decision(admin, "9/QĐ-UBND", dt.date(2025, 6, 1))
    before = counts()
    with pytest.raises(CatalogueError) as exc:
        procedure_publish(versions=[draft], decision=qd, effective_from=dt.date(2025, 6, 15), actor=admin)
    assert exc.value.extra["errors"] == {"1.000101": {"effective_from": [
        "Version 1 is in force from 1 Jul 2025; a newer version cannot take effect earlier."
    ]}}
    assert counts() == before


def test_effective_date_not_before_signing(admin):
    draft = procedure_draft_save(code="1.000101", data=make_data(), actor=admin)
    with pytest.raises(CatalogueError) as exc:
        procedure_publish(versions=[draft], decision=decision(admin), effective_from=dt.date(2025, 6, 1), actor=admin)
    assert exc.value.message == "The effective date 1 Jun 2025 is before the decision was signed (20 Jun 2025)."
    draft.refresh_from_db()
    assert draft.is_draft


def test_publishing_twice_is_a_conflict(admin):
    draft = procedure_draft_save(code="1.000101", data=make_data(), actor=admin)
    qd = decision(admin)
    procedure_publish(versions=[draft], decision=qd, effective_from=dt.date(2025, 7, 1), actor=admin)
    with pytest.raises(CatalogueConflict) as exc:
        procedure_publish(versions=[draft], decision=qd, effective_from=dt.date(2025, 7, 2), actor=admin)
    assert exc.value.status_code == 409 and exc.value.code == "catalogue.already_published"
    assert "1.000101 v1" in exc.value.message
    assert ProcedureEvent.objects.filter(kind="published").count() == 1
    draft.refresh_from_db()
    assert draft.effective_from == dt.date(2025, 7, 1)


def test_publish_is_all_or_nothing_and_revalidates(admin):
    centre = ServiceCentreFactory()
    good = procedure_draft_save(code="1.000101", data=make_data(), actor=admin)
    bad = procedure_draft_save(code="1.000102", data=make_data(centres=(centre,)), actor=admin)
    centre.is_published = False  # the centre was withdrawn after the draft was saved
    centre.save()
    qd = decision(admin)
    before = counts()

    with pytest.raises(CatalogueError) as exc:
        procedure_publish(versions=[good, bad], decision=qd, effective_from=dt.date(2025, 7, 1), actor=admin)

    assert exc.value.message == "Nothing was published: 1 of the drafts have errors."
    assert exc.value.extra["errors"] == {
        "1.000102": {"centres": [f"{centre.name} is not a published service centre."]}
    }
    assert counts() == before
    assert set(ProcedureVersion.objects.values_list("status", flat=True)) == {"draft"}


def test_publish_needs_admin_and_drafts(admin):
    draft = procedure_draft_save(code="1.000101", data=make_data(), actor=admin)
    with pytest.raises(CatalogueForbidden):
        procedure_publish(versions=[draft], decision=decision(admin), effective_from=dt.date(2025, 7, 1),
                          actor=UserFactory(officer=True))
    with pytest.raises(CatalogueError) as exc:
        procedure_publish(versions=[], decision=PublicationDecision.objects.get(), effective_from=dt.date(2025, 7, 1),
                          actor=admin)
    assert exc.value.code == "catalogue.nothing_to_publish"


def test_decision_create_rules(admin):
    qd = decision(admin, " 12/QĐ-UBND ")
    assert (qd.number, qd.created_by) == ("12/QĐ-UBND", admin)
    with pytest.raises(CatalogueConflict) as exc:
        decision(admin, "12/QĐ-UBND")
    assert exc.value.code == "catalogue.decision_exists"
    with pytest.raises(CatalogueError) as exc:
        decision_create(number="", signed_on=dt.date.today() + dt.timedelta(days=1), signer="", signer_position="",
                        actor=admin)
    assert set(exc.value.extra["errors"]) == {"number", "signer", "signed_on"}
    with pytest.raises(CatalogueForbidden):
        decision(UserFactory(), "13/QĐ-UBND")
    assert PublicationDecision.objects.count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_publish_gives_one_conflict():
    admin = UserFactory(admin=True)
    draft = procedure_draft_save(code="1.000101", data=make_data(), actor=admin)
    qd = decision(admin)
    barrier = threading.Barrier(2)
    outcomes = []

    def publish():
        try:
            barrier.wait()
            procedure_publish(versions=[draft], decision=qd, effective_from=dt.date(2025, 7, 1), actor=admin)
            outcomes.append("published")
        except CatalogueConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=publish) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)

    assert sorted(outcomes) == ["conflict", "published"]
    assert ProcedureEvent.objects.filter(kind="published").count() == 1
