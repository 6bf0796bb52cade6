"""Petitions about a dossier appear on that dossier's page for the officials who handle it (dossiers.web.panels,
filled by feedback's AppConfig.ready()), and for nobody else."""

import pytest
from django.test import Client
from django.urls import reverse

from dossiers.web.panels import _PANELS
from feedback.web.panel import petitions_panel
from tests.dossiers.factories import received
from tests.feedback.factories import filed

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    return client


def test_feedback_registers_its_panel_once():
    assert _PANELS["official"].count(petitions_panel) == 1 and petitions_panel not in _PANELS["applicant"]


def test_the_dossiers_officials_see_its_petitions_on_its_page(world):
    dossier = received(world.base)
    petition = filed(world, dossier_code=dossier.code, title="Hồ sơ khai sinh trễ hẹn")
    other = filed(world, title="Không liên quan")  # about no dossier
    page_url = reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})
    for official in (world.specialist, world.leader, world.officer, world.admin):
        response = login(official).get(page_url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "1 petition about this dossier" in html and petition.code in html, official
        assert reverse("feedback:detail", kwargs={"uuid": petition.uuid}) in html
        assert other.code not in html


def test_others_do_not_see_the_panel(world):
    dossier = received(world.base)
    petition = filed(world, dossier_code=dossier.code)
    page_url = reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})
    assert login(world.justice_leader).get(page_url).status_code == 404  # the dossier is not theirs
    citizen_page = login(world.citizen).get(page_url)  # the applicant's own page is not the officials'
    assert citizen_page.status_code == 200 and petition.code not in citizen_page.content.decode()


def test_a_dossier_without_petitions_has_no_panel(world):
    dossier = received(world.base)
    html = login(world.specialist).get(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})).content.decode()
    assert 'id="petitions"' not in html
