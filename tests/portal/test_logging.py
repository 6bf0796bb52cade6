"""A 403 (and any 4xx) is one warning line in the log, without a traceback; a 500 keeps its traceback."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Captured(logging.Handler):
    """What reaches a handler of the root logger, after the loggers' filters, as the console would get it."""

    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append((record, self.format(record)))


@pytest.fixture
def log():
    handler = Captured()
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


def test_a_403_is_a_warning_without_traceback(log):
    client = Client()
    client.force_login(UserFactory())  # a citizen
    response = client.get(reverse("dossiers:desk"))
    assert response.status_code == 403
    [(record, text)] = [(r, t) for r, t in log.records if r.name == "django.request"]
    assert record.levelname == "WARNING" and text == "WARNING Forbidden (Permission denied): /dossiers/desk/"
    assert record.exc_info is None and "Traceback" not in text


def test_a_500_keeps_its_traceback(log):
    from portal.logfilters import ClientErrorsWithoutTraceback

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: /", (), exc_info=True,
            extra={"status_code": 500})
    assert ClientErrorsWithoutTraceback().filter(record) and record.exc_info is not None
