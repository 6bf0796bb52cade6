"""Panels that upper apps add to the dossier page: each audience sees only its own."""

from django.test import Client
from django.urls import reverse
from django.utils.html import format_html

from dossiers.web.panels import dossier_panel_register
from tests.dossiers.factories import received


def test_applicant_and_official_panels_show_on_their_own_page(world, request):
    from dossiers.web import panels

    def for_applicant(req, dossier):
        return format_html('<section class="card">Applicant panel of {}</section>', dossier.code)

    def for_officials(req, dossier):
        return format_html('<section class="card">Officials panel of {}</section>', dossier.code)

    def aside(req, dossier):
        return format_html('<section class="card">Aside panel of {}</section>', dossier.code)

    dossier_panel_register(for_applicant, audience="applicant")
    dossier_panel_register(aside, audience="applicant", place="aside")
    dossier_panel_register(for_officials)
    request.addfinalizer(lambda: panels._PANELS["applicant"].remove(for_applicant))
    request.addfinalizer(lambda: panels._PANELS["applicant:aside"].remove(aside))
    request.addfinalizer(lambda: panels._PANELS["official"].remove(for_officials))
    dossier = received(world)
    url = reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})

    citizen = Client()
    citizen.force_login(world.citizen)
    page = citizen.get(url).content.decode()
    assert f"Applicant panel of {dossier.code}" in page
    assert "Officials panel" not in page
    # what asks something of the applicant comes first; what they read when they wish, beside the files
    assert page.index("Applicant panel") < page.index('id="info-title"') < page.index('id="files-title"') \
        < page.index(f"Aside panel of {dossier.code}")

    officer = Client()
    officer.force_login(world.officer)
    page = officer.get(url).content.decode()
    assert f"Officials panel of {dossier.code}" in page
    assert "Applicant panel" not in page and "Aside panel" not in page
