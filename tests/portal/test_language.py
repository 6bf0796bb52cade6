import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_vietnamese_even_when_the_browser_prefers_english(client):
    response = client.get("/procedures/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert "Thủ tục hành chính" in response.content.decode()


def test_the_switcher_choice_gives_english_pages(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/procedures/"})
    response = client.get("/procedures/")
    assert response.headers["Content-Language"] == "en"
    assert "Administrative procedures" in response.content.decode()


def test_an_unknown_language_cookie_falls_back_to_vietnamese(client):
    client.cookies["django_language"] = "fr"
    assert client.get("/procedures/").headers["Content-Language"] == "vi"


def test_the_api_follows_accept_language(client):
    response = client.get("/api/v1/procedures/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.headers["Content-Language"] == "en"
