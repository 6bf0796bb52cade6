"""prepared_raw: the same rows as raw(), the statement prepared once per database connection on PostgreSQL,
and plain SQL where Django may keep no session state."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.prepared import prepared_raw
from tests.factories import CommuneFactory
from units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

SQL = "SELECT id, code, name FROM units_administrativeunit WHERE code = %s AND kind = %s"


def names(rows) -> list:
    return [row.name for row in rows]


def test_the_same_rows_as_raw():
    unit = CommuneFactory()
    for code in (unit.code, "none"):
        params = [code, AdministrativeUnit.Kind.COMMUNE]
        assert names(prepared_raw(AdministrativeUnit.objects, "unit_by_code", SQL, params)) == \
            names(AdministrativeUnit.objects.raw(SQL, params))
    assert names(prepared_raw(AdministrativeUnit.objects, "unit_by_code", SQL, [unit.code, "commune"])) == [unit.name]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)  # it closes the connection
def test_prepared_once_per_connection():
    unit = CommuneFactory()

    def statements() -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            assert names(prepared_raw(AdministrativeUnit.objects, "unit_by_code_2", SQL, [unit.code, "commune"])) \
                == [unit.name]
        return [query["sql"].split()[0] for query in queries]

    assert statements() == ["PREPARE", "EXECUTE"]
    assert statements() == ["EXECUTE"]
    connection.close()  # a new session (after CONN_MAX_AGE, or an error) prepares it again
    assert statements() == ["PREPARE", "EXECUTE"]


def test_plain_sql_where_no_session_state_is_kept(settings):
    unit = CommuneFactory()
    connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = True
    try:
        with CaptureQueriesContext(connection) as queries:
            rows = names(prepared_raw(AdministrativeUnit.objects, "unit_by_code_3", SQL, [unit.code, "commune"]))
    finally:
        connection.settings_dict.pop("DISABLE_SERVER_SIDE_CURSORS")
    assert rows == [unit.name] and [query["sql"].split()[0] for query in queries] == ["SELECT"]
