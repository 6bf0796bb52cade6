"""page_with_total: the page Django's Paginator would give, whatever page is asked for, in one query when the
page exists."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.pagination import page_with_total
from tests.factories import CommuneFactory
from units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def communes():
    return AdministrativeUnit.objects.filter(kind=AdministrativeUnit.Kind.COMMUNE).order_by("code")


def shape(page) -> tuple:
    return (page.number, page.paginator.count, page.paginator.num_pages, [row["code"] for row in page.object_list])


@pytest.mark.parametrize("number", [None, "", "1", "2", "3", 3, "4", "99", "0", "-1", "x", "2.0", 2.0, 2.5])
def test_the_same_page_as_paginator(number):
    for _ in range(12):
        CommuneFactory()
    rows = communes().values("code")
    assert shape(page_with_total(rows, number, per_page=5)) == shape(Paginator(rows, 5).get_page(number))


def test_one_query_for_a_page_that_exists_and_rows_made_by_row():
    for _ in range(7):
        CommuneFactory()
    with CaptureQueriesContext(connection) as queries:
        page = page_with_total(communes().values("code", "name"), "2", per_page=5,
                               row=lambda values: values["name"])
        names = list(page.object_list)
    assert len(queries) == 1
    assert (page.paginator.count, page.has_next(), names) == (7, False, [u.name for u in communes()[5:]])


def test_an_empty_list_is_one_empty_page():
    with CaptureQueriesContext(connection) as queries:
        page = page_with_total(communes().values("code"), None, per_page=5)
    assert (page.number, page.paginator.count, list(page.object_list), len(queries)) == (1, 0, [], 1)
