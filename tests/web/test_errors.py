import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error


@pytest.mark.django_db
def test_500_page_renders_on_its_own_without_the_database(django_assert_num_queries):
    # Django renders 500.html without context processors, and the database may be what failed.
    with translation.override("en"), django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/procedures/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Cổng Một Cửa" in html
    assert "Something went wrong on our side" in html
    assert 'href="/static/css/portal.css"' in html


@pytest.mark.django_db
def test_unmatched_address_gets_the_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert "The address may be mistyped, or the page may have moved." in html
