"""Registering at once, on PostgreSQL: clerks registering different arrivals get consecutive incoming numbers
with no gap; two clerks registering the same arrival number it once."""

import threading

import pytest
from django.db import connection

from accounts.models import User
from documents.errors import DocumentConflict
from documents.models import Document, DocumentType
from documents.services.incoming import incoming_register
from tests.documents.conftest import office_make
from tests.documents.incoming_helpers import send
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _world():
    # A transactional test may follow another that flushed the seeded kinds of document.
    DocumentType.objects.get_or_create(code="cong-van", defaults={"name": "Công văn", "abbreviation": ""})
    office = office_make("000.00.31.H01", "Ủy ban nhân dân xã Tân Hòa", "th")
    other = office_make("000.00.32.H01", "Ủy ban nhân dân xã Bình An", "ba")
    second_clerk = UserFactory(role=User.Role.CLERK, username="th-vanthu2", agency=office.agency)
    return office, other, second_clerk


def _run(workers):
    errors, barrier = [], threading.Barrier(len(workers))

    def run(work):
        try:
            barrier.wait(timeout=10)
            work()
        except DocumentConflict as error:
            errors.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_clerks_registering_at_once_get_consecutive_incoming_numbers(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    office, other, second_clerk = _world()
    arrivals = [send(other, office, number=str(n)) for n in range(1, 13)]

    def clerk(user, share):
        def work():
            for document in share:
                incoming_register(document=document, clerk=user)
        return work

    assert _run([clerk(office.clerk, arrivals[0::2]), clerk(second_clerk, arrivals[1::2])]) == []
    numbers = sorted(Document.objects.filter(agency=office.agency).values_list("arrival_number", flat=True))
    assert numbers == list(range(1, 13))


def test_the_same_arrival_registered_by_two_clerks_at_once_is_numbered_once(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    office, other, second_clerk = _world()
    arrival = send(other, office)
    errors = _run([lambda: incoming_register(document=arrival, clerk=office.clerk),
                   lambda: incoming_register(document=arrival, clerk=second_clerk)])
    assert errors == ["document.bad_state"]
    arrival.refresh_from_db()
    assert arrival.arrival_number == 1 and arrival.events.filter(kind="registered").count() == 1
