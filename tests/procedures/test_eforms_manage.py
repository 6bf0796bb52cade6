"""Editing a draft's e-form: the back office's editor and the Django admin's inline, both running the
catalogue's rules; the review page and the public page show the form."""

import pytest
from django.test import Client
from django.urls import reverse

from procedures.data import ComponentData, FormFieldData
from procedures.models import ProcedureEvent
from procedures.services import procedure_draft_save
from tests.factories import UserFactory
from tests.procedures.factories import make_data, publish_new

pytestmark = pytest.mark.django_db
QUESTIONS = (
    FormFieldData(key="ho_ten_tre", label="Họ, chữ đệm, tên", section="Người được khai sinh"),
    FormFieldData(key="gioi_tinh", label="Giới tính", type="choice", options=("Nam", "Nữ"),
                  section="Người được khai sinh"),
)


@pytest.fixture
def admin():
    return UserFactory(admin=True)


@pytest.fixture
def admin_client(admin):
    client = Client()
    client.force_login(admin)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def draft(admin):
    return procedure_draft_save(code="1.000101", data=make_data(form_fields=QUESTIONS), actor=admin)


def editor_url(code="1.000101"):
    return reverse("procedures:manage_draft_form", args=[code])


def rows(*questions, existing=0) -> dict:
    """The editor's formset as a browser posts it."""
    data = {"fields-TOTAL_FORMS": str(len(questions)), "fields-INITIAL_FORMS": str(existing),
            "fields-MIN_NUM_FORMS": "0", "fields-MAX_NUM_FORMS": "100", "component": ""}
    for index, values in enumerate(questions):
        row = {"type": "text", "required": "on", **values}
        data.update({f"fields-{index}-{name}": value for name, value in row.items()})
    return data


def test_the_review_page_lists_the_questions_and_links_to_the_editor(admin_client, draft):
    page = admin_client.get(reverse("procedures:manage_draft", args=["1.000101"])).content.decode()
    assert "E-form (declaration)" in page and "Giới tính" in page and "Nam; Nữ" in page
    assert editor_url() in page and "Edit the e-form" in page


def test_only_provincial_admins_reach_the_editor(draft):
    client = Client()
    client.force_login(UserFactory(role="officer"))
    assert client.get(editor_url()).status_code in (302, 403)


def test_the_editor_shows_the_questions_and_saves_a_new_one(admin_client, draft):
    page = admin_client.get(editor_url()).content.decode()
    assert 'value="ho_ten_tre"' in page and "New question" in page and "Paper filled in with the e-form" in page

    response = admin_client.post(editor_url(), {**rows(
        {"position": "1", "key": "ho_ten_tre", "label": "Họ, chữ đệm, tên", "section": "Người được khai sinh"},
        {"position": "3", "key": "gioi_tinh", "label": "Giới tính", "type": "choice", "options": "Nam; Nữ",
         "DELETE": "on"},
        {"position": "2", "label": "Ngày, tháng, năm sinh", "type": "date", "not_future": "on"},
        {},  # a blank row is skipped
        existing=2), "component": "1"})

    assert response.status_code == 302
    fields = list(draft.form_fields.all())
    assert [(f.key, f.type, f.not_future) for f in fields] == [
        ("ho_ten_tre", "text", False), ("ngay_thang_nam_sinh", "date", True)]
    assert [c.filled_by_form for c in draft.components.all()] == [True, False]
    assert ProcedureEvent.objects.filter(version=draft, data__via="form").exists()


def test_the_editor_reports_the_rules_and_saves_nothing(admin_client, draft):
    response = admin_client.post(editor_url(), rows(
        {"position": "1", "key": "ho_ten", "label": "Họ tên"},
        {"position": "2", "key": "ho_ten", "label": "Giới tính", "type": "choice", "options": "Nam"},
        {"position": "3", "key": "so", "label": "Số", "type": "number", "min_value": "abc"},
    ))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Some rows have errors; nothing was saved." in page and "Enter a number." in page

    response = admin_client.post(editor_url(), rows(
        {"position": "1", "key": "ho_ten", "label": "Họ tên"},
        {"position": "2", "key": "ho_ten", "label": "Giới tính", "type": "choice", "options": "Nam"},
    ))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Form field 2 repeats the key “ho_ten” (already form field 1)." in page
    assert "Form field 2: a choice needs at least two options." in page
    assert [f.key for f in draft.form_fields.all()] == ["ho_ten_tre", "gioi_tinh"]


def test_a_published_version_has_no_editor(admin_client, admin):
    publish_new("1.000102", admin)
    assert admin_client.get(editor_url("1.000102")).status_code == 404


def test_the_django_admin_edits_the_questions_of_a_draft_inline(admin, draft):
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True, role="admin"))
    client.cookies["django_language"] = "en"
    url = f"/admin/procedures/procedureversion/{draft.pk}/change/"
    page = client.get(url).content.decode()
    assert "E-form fields" in page and 'value="ho_ten_tre"' in page and "Nam; Nữ" in page


def test_the_public_page_offers_the_blank_declaration(client, admin):
    components = (ComponentData(name="Tờ khai đăng ký khai sinh", filled_by_form=True), ComponentData(name="Giấy"))
    publish_new("1.000103", admin, components=components, form_fields=QUESTIONS)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("procedures:detail", args=["1.000103"])).content.decode()
    assert "Declaration form" in page and "2 questions" in page and "Filled in with the e-form" in page
    assert reverse("dossiers:blank_declaration", args=["1.000103"]) in page
