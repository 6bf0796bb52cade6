"""Django admin of the catalogue: published versions are read-only; draft edits obey the same rules."""

import pytest

from procedures.models import ProcedureEvent, ProcedureVersion
from procedures.services import procedure_draft_save
from tests.factories import UserFactory
from tests.procedures.factories import make_data, publish_new

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def change_url(version):
    return f"/admin/procedures/procedureversion/{version.pk}/change/"


def form_data(version, **overrides):
    """The admin change form as the browser would post it, from the stored version."""
    data = {
        "name": version.name, "name_en": version.name_en, "field": version.field_id, "level": version.level,
        "agency": version.agency_id, "result_type": version.result_type, "result_type_en": "",
        "legal_basis": "", "conditions": "", "processing_time": str(version.processing_time),
        "processing_time_unit": version.processing_time_unit, "cutoff_hour": "",
        "online_level": version.online_level, "payment_timing": version.payment_timing, "channel_online": "on",
        "channel_counter": "on",
        "regardless_of_residence": "on", "centres": [c.pk for c in version.centres.all()],
    }
    for prefix, rows, names in (
        ("components", version.components.all(), ["position", "name", "name_en", "originals", "copies"]),
        ("fees", version.fees.all(), ["position", "description", "description_en", "amount"]),
        ("steps", version.steps.all(), ["position", "name", "name_en", "responsible_role", "duration"]),
        ("form_fields", version.form_fields.all(), ["position", "key", "label", "type"]),
    ):
        rows = list(rows)
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows),
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            data[f"{prefix}-{i}-version"] = version.pk
            for name in names:
                data[f"{prefix}-{i}-{name}"] = getattr(row, name)
    data.update(overrides)
    return data


def test_published_version_is_read_only(client, root):
    version = publish_new("1.000101", root)
    page = client.get(change_url(version))
    assert page.status_code == 200
    assert 'name="name"' not in page.content.decode()  # shown, not editable
    response = client.post(change_url(version), form_data(version, name="Đổi tên"))
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.name == "Đăng ký khai sinh"


def test_draft_edit_runs_the_rules_and_changes_nothing_when_invalid(client, root):
    draft = procedure_draft_save(code="1.000101", data=make_data(), actor=root)
    events = ProcedureEvent.objects.count()

    client.cookies["django_language"] = "en"  # pages follow the switcher's cookie, not Accept-Language
    response = client.post(change_url(draft), form_data(draft, **{"steps-1-duration": "10"}))

    assert response.status_code == 200
    assert ("The steps take 12.5 working days in total, 2.5 working days more than the legal processing time "
            "of 10 working days.") in response.content.decode()
    assert draft.steps.get(position=2).duration == 7
    assert ProcedureEvent.objects.count() == events


def test_draft_edit_rejects_online_level_without_online_channel(client, root):
    draft = procedure_draft_save(code="1.000101", data=make_data(), actor=root)
    data = form_data(draft, online_level="full")
    del data["channel_online"]
    client.cookies["django_language"] = "en"
    response = client.post(change_url(draft), data)
    assert "must accept dossiers online" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.online_level, draft.channel_online) == ("partial", True)


def test_valid_draft_edit_refreshes_search_and_records_an_event(client, root):
    draft = procedure_draft_save(code="1.000101", data=make_data(), actor=root)
    response = client.post(change_url(draft), form_data(draft, name="Đăng ký lại khai sinh"))
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.name == "Đăng ký lại khai sinh"
    assert "dang ky lai khai sinh" in draft.search_text
    assert ProcedureEvent.objects.last().data == {"number": 1, "replaced": True, "via": "admin"}


def test_renaming_a_field_refreshes_search_text(client, root):
    version = publish_new("1.000101", root)
    field = version.field
    response = client.post(f"/admin/procedures/field/{field.pk}/change/",
                           {"code": field.code, "name": "Hộ tịch và quốc tịch", "name_en": "Civil status"})
    assert response.status_code == 302
    assert "quoc tich" in ProcedureVersion.objects.get().search_text


def test_version_list_queries_are_bounded(client, root, django_assert_max_num_queries):
    for n in range(25):
        publish_new(f"1.{700000 + n:06d}", root)
    with django_assert_max_num_queries(12):
        response = client.get("/admin/procedures/procedureversion/")
    assert response.status_code == 200
    assert response.content.decode().count("Đăng ký khai sinh") >= 25
