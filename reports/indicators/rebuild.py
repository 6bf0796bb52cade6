"""The facts and the days' measures computed again in SQL, in two statements, for a province's whole history
(after a restore or an import; the bench's ten million dossiers). ``refresh.facts_rebuild`` does the same
dossier by dossier in Python, through the code the events use; the tests hold the three ways equal."""

from __future__ import annotations

from django.db import connection, transaction

from reports.indicators.direct import per_dossier_sql
from reports.indicators.facts import FACT_FIELDS
from reports.indicators.figures import Scope
from reports.indicators.models import MEASURES, DossierFact, FactQueue, ProcedureDay, UnitDay

# The facts' columns from the direct computation's per-dossier values (direct.per_dossier_sql), in FACT_FIELDS order.
FACT_COLUMNS = {
    "centre_id": "centre_id", "agency_id": "agency", "unit_id": "unit", "procedure_id": "procedure",
    "channel": "channel", "received_on": "received_day", "ended_on": "end_day", "ended_on_time": "on_time_end",
    "ended_seconds": "seconds", "late_from": "late_day", "supplements": "asked", "synced": "is_synced",
    "identity": "identity", "fee_bearing": "has_fee", "paid_online": "has_fee AND paid",
    "resolved": "result_ready_at IS NOT NULL", "paper": "paper",
    "result_file": "result_ready_at IS NOT NULL AND has_result_file",
    "digitised": "result_ready_at IS NOT NULL AND has_result_file AND with_papers",
    "complained": "end_at IS NOT NULL AND complaint",
}
assert tuple(FACT_COLUMNS) == FACT_FIELDS


def _measure_rows() -> str:
    """Every fact's contributions to the days (as facts.contributions), one row each, in SQL."""
    facts = connection.ops.quote_name(DossierFact._meta.db_table)

    def flag(condition: str) -> str:
        return f"CASE WHEN {condition} THEN 1 ELSE 0 END"

    def row(day: str, values: dict[str, str], where: str = "") -> str:
        measures = ", ".join(f"{values.get(m, '0')} AS {m}" for m in MEASURES)
        return (f"SELECT {day} AS day, centre_id, agency_id, unit_id, procedure_id, {measures} FROM {facts}"
                + (f" WHERE {where}" if where else ""))

    late = "late_from IS NOT NULL AND (ended_on IS NULL OR late_from < ended_on)"
    return " UNION ALL ".join([
        row("received_on", {"received": "1", "received_online": flag("channel = 'online'"),
                            "received_post": flag("channel = 'post'"), "synced": flag("synced"),
                            "identity": flag("identity"), "fee_bearing": flag("fee_bearing"),
                            "paid_online": flag("paid_online")}),
        row("ended_on", {"ended": "1", "ended_on_time": flag("ended_on_time"), "ended_seconds": "ended_seconds",
                         "resolved": flag("resolved"), "resolved_paper": flag("resolved AND paper"),
                         "resolved_paper_file": flag("result_file AND paper"), "digitised": flag("digitised"),
                         "complained": flag("complained")}, "ended_on IS NOT NULL"),
        row("late_from", {"late_open": "1"}, late),
        row("ended_on", {"late_open": "-1"}, late + " AND ended_on IS NOT NULL"),
    ])


@transaction.atomic
def facts_rebuild_sql() -> int:
    """Every fact and every day's measures from the dossiers, in SQL; the number of facts. (PostgreSQL: the
    embedded SQLite rebuilds through Python.)"""
    if connection.vendor != "postgresql":
        from reports.indicators.refresh import facts_rebuild

        return facts_rebuild()
    FactQueue.objects.all().delete()
    for model in (UnitDay, ProcedureDay, DossierFact):
        model.objects.all().delete()
    with_, params = per_dossier_sql(Scope())
    table = connection.ops.quote_name(DossierFact._meta.db_table)
    values = ", ".join(f"({expression})" for expression in FACT_COLUMNS.values())
    measures = ", ".join(MEASURES)
    sums = ", ".join(f"SUM({m})" for m in MEASURES)
    with connection.cursor() as cursor:
        cursor.execute(f"{with_} INSERT INTO {table} (dossier_id, {', '.join(FACT_COLUMNS)}) SELECT pk, {values} FROM f",
                       params)
        facts = cursor.rowcount
        contributions = _measure_rows()
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(UnitDay._meta.db_table)} (day, centre_id, agency_id, unit_id, "
            f"{measures}) SELECT day, centre_id, agency_id, unit_id, {sums} FROM ({contributions}) c "
            "GROUP BY day, centre_id, agency_id, unit_id")
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(ProcedureDay._meta.db_table)} (day, procedure_id, {measures}) "
            f"SELECT day, procedure_id, {sums} FROM ({contributions}) c GROUP BY day, procedure_id")
    return facts
