"""Decision 766 indicators over ten million dossiers (issue 16 §5): the whole province's scorecard for the
year from the days' measures (reports.indicators.figures) against the direct SQL computation from the dossiers
(reports.indicators.direct) in the same run, with identical numbers.

The dossiers are made by PostgreSQL (``INSERT ... SELECT FROM generate_series``), spread over this year's days
until a week ago: 70 % resolved in time, 10 % resolved late, 8 % still open (some past due), 5 % stopped,
3 % withdrawn, 2 % waiting for a supplement (with its event), 2 % asked twice; a third at the counter, some
by post, a quarter authenticated by VNeID. The facts and the days' measures are then computed from them in SQL
(reports.indicators.rebuild), as a province would after an import."""

from __future__ import annotations

import datetime as dt
import statistics
import time

from django.db import connection
from django.utils import timezone

from bench import world as bench_world
from bench.data import _columns, secondary_indexes

SHAPE = """(CASE WHEN n % 100 < 70 THEN 'on_time' WHEN n % 100 < 80 THEN 'late' WHEN n % 100 < 88 THEN 'open'
            WHEN n % 100 < 93 THEN 'stopped' WHEN n % 100 < 96 THEN 'withdrawn' WHEN n % 100 < 98 THEN 'waiting'
            ELSE 'twice' END)"""


def the_world() -> bench_world.World:
    from units.models import ServiceCentre

    if not ServiceCentre.objects.filter(slug="bench-0").exists():
        return bench_world.build()
    from accounts.models import User
    from procedures.models import ProcedureVersion

    centres = list(ServiceCentre.objects.filter(slug__startswith="bench-").select_related("agency").order_by("pk"))
    return bench_world.World(
        agency_ids=[c.agency_id for c in centres], centre_ids=[c.pk for c in centres],
        agency_codes=[c.agency.code for c in centres],
        version_ids=list(ProcedureVersion.objects.filter(procedure__code__startswith="1.00").order_by("pk")
                         .values_list("pk", flat=True)),
        creator_id=User.objects.get(username="bench.motcua").pk,
        specialist=User.objects.get(username="bench.chuyenvien"))


def _dossier_sql(world, first: int, last: int, *, days: int, year_start: dt.date) -> str:
    centres = "ARRAY[" + ",".join(map(str, world.centre_ids)) + "]::bigint[]"
    versions = "ARRAY[" + ",".join(map(str, world.version_ids)) + "]::bigint[]"
    centre = f"(1 + (n * 31) % {len(world.centre_ids)})"
    at = f"(date '{year_start.isoformat()}' + (n % {days})::int + time '07:30' + (n % 28800) * interval '1 second')::timestamptz"
    shape = SHAPE
    state = (f"(CASE {shape} WHEN 'on_time' THEN 'returned' WHEN 'late' THEN 'returned' WHEN 'open' THEN 'in_progress'"
             f" WHEN 'stopped' THEN 'stopped' WHEN 'withdrawn' THEN 'withdrawn' WHEN 'waiting' THEN 'supplement_requested'"
             f" ELSE 'in_progress' END)")
    columns = {
        "id": "n", "created_at": at, "updated_at": at, "uuid": "md5('report' || n)::uuid",
        "code": "'R' || n", "state": state,
        "channel": "CASE WHEN n % 3 = 0 THEN 'counter' WHEN n % 17 = 1 THEN 'post' ELSE 'online' END",
        "applicant_name": "'Nguyễn Văn An'", "search_name": "'nguyen van an'",
        "applicant_cccd": "'022' || lpad(((n * 7919) % 1000000000)::text, 9, '0')",
        "applicant_phone": "''", "applicant_email": "''", "applicant_address": "''", "description": "''",
        "applicant_identity_verified": "n % 4 = 0",
        "submitted_at": at, "received_at": at, "due_at": f"{at} + interval '3 days'",
        "paused_at": f"CASE WHEN {shape} = 'waiting' THEN {at} + interval '1 day' END",
        "paused_hours": "0", "extended": "false",
        "result_ready_at": f"CASE {shape} WHEN 'on_time' THEN {at} + interval '2 days'"
                           f" WHEN 'late' THEN {at} + interval '5 days' END",
        "result_file": f"CASE WHEN {shape} IN ('on_time', 'late') AND n % 5 > 0 THEN 'results/r' || n || '.pdf' ELSE '' END",
        "result_name": "''",
        "closed_at": f"CASE {shape} WHEN 'on_time' THEN {at} + interval '3 days' WHEN 'late' THEN {at} + interval '6 days'"
                     f" WHEN 'stopped' THEN {at} + interval '1 day' WHEN 'withdrawn' THEN {at} + interval '1 day' END",
        "applicant_id": "NULL", "centre_id": f"({centres})[{centre}]", "created_by_id": str(world.creator_id),
        "procedure_version_id": f"({versions})[1 + n % {len(world.version_ids)}]",
        "received_by_id": str(world.creator_id),
        "registry_fields": "'[]'::jsonb", "registry_checked_at": "NULL", "result_signed_by": "''",
        "form_data": "'{}'::jsonb", "paper_delivery": "''", "post_address": "''", "result_document_id": "NULL",
    }
    present = _columns("dossiers_dossier")
    if present - set(columns):
        raise RuntimeError(f"bench/reports.py does not know how to fill {sorted(present - set(columns))}")
    names = ", ".join(c for c in columns if c in present)
    values = ", ".join(v for c, v in columns.items() if c in present)
    return (f"INSERT INTO dossiers_dossier ({names}) SELECT {values} "
            f"FROM generate_series({first}::bigint, {last}::bigint) AS n")


def _supplement_sql(first: int, last: int) -> str:
    """The supplement requests of the dossiers waiting for one (one each) or asked twice (two each)."""
    return f"""
        INSERT INTO dossiers_dossierevent (kind, at, from_state, to_state, note, data, dossier_id)
        SELECT 'supplement_requested', d.received_at + k * interval '1 day', 'in_progress', 'supplement_requested',
               '', '{{}}'::jsonb, d.id
        FROM dossiers_dossier d CROSS JOIN generate_series(1, 2) AS k
        WHERE d.id BETWEEN {first} AND {last}
          AND ((d.id % 100 BETWEEN 96 AND 97 AND k = 1) OR d.id % 100 >= 98)"""


def generate(world, *, first: int, last: int, log=print) -> dict:
    started = time.monotonic()
    today = timezone.localdate()
    year_start = dt.date(today.year, 1, 1)
    days = max(1, (today - year_start).days - 7)
    indexes = secondary_indexes(("dossiers_dossier", "dossiers_dossierevent"))
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        try:
            step = 2_000_000
            for low in range(first, last + 1, step):
                cursor.execute(_dossier_sql(world, low, min(last, low + step - 1), days=days, year_start=year_start))
            inserted = time.monotonic()
            cursor.execute(_supplement_sql(first, last))
            events = cursor.rowcount
        finally:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("SELECT setval(pg_get_serial_sequence('dossiers_dossier', 'id'), %s)", [last])
        cursor.execute("VACUUM (ANALYZE) dossiers_dossier")
        cursor.execute("VACUUM (ANALYZE) dossiers_dossierevent")
    figures = {"dossiers": last - first + 1, "supplement_events": events, "insert_s": inserted - started,
               "total_s": time.monotonic() - started}
    log(f"  generated {figures['dossiers']:,} dossiers ({events:,} supplement requests) in {figures['total_s']:.0f} s")
    return figures


def _timed(function, *, rounds: int, max_seconds: float) -> tuple[list[float], object]:
    times, value, began = [], None, time.monotonic()
    for _ in range(rounds):
        start = time.perf_counter()
        value = function()
        times.append((time.perf_counter() - start) * 1000)
        if time.monotonic() - began > max_seconds:
            break
    return times, value


def indicator_figures(*, rounds: int = 15, direct_rounds: int = 1, log=print) -> dict:
    """The year's scorecard from the measures (median of ``rounds``) against the same scorecard with its
    dossier figures computed directly (``direct_rounds``), and whether every number is the same."""
    from reports.indicators.direct import direct_figures
    from reports.indicators.figures import Scope, figures
    from reports.indicators.periods import Period
    from reports.indicators.rebuild import facts_rebuild_sql
    from reports.indicators.scoring import scorecard

    started = time.monotonic()
    # Setting up the data, not what is timed: as for the dossiers, the facts' secondary indexes are built once
    # after the load and their foreign keys (consistent by construction) are not checked row by row.
    tables = ("reports_dossierfact", "reports_unitday", "reports_procedureday")
    indexes = secondary_indexes(tables)
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    try:
        facts = facts_rebuild_sql()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute("SET session_replication_role = DEFAULT")
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    built = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM reports_unitday")
        unit_days = cursor.fetchone()[0]
    log(f"  facts of {facts:,} dossiers and {unit_days:,} day rows built in SQL in {built:.0f} s")
    year = Period("year", timezone.localdate().year)
    scorecard(Scope(), year)  # warm
    fast_times, fast = _timed(lambda: scorecard(Scope(), year), rounds=rounds, max_seconds=30)
    figure_times, _f = _timed(lambda: figures(Scope(), year), rounds=rounds, max_seconds=30)
    direct_times, direct = _timed(lambda: scorecard(Scope(), year, figures_of=direct_figures(Scope(), year)),
                                  rounds=direct_rounds, max_seconds=300)
    same = fast.figures == direct.figures and [
        (v.indicator.code, v.rate, v.points) for g in fast.groups for v in g.values] == [
        (v.indicator.code, v.rate, v.points) for g in direct.groups for v in g.values]
    median, direct_median = statistics.median(fast_times), statistics.median(direct_times)
    return {"facts": facts, "unit_days": unit_days, "build_s": built, "median_ms": median,
            "p95_ms": sorted(fast_times)[int(0.95 * (len(fast_times) - 1))], "figures_median_ms":
            statistics.median(figure_times), "direct_median_ms": direct_median, "speedup": direct_median / median,
            "identical": same, "counted": fast.figures.counted, "on_time": fast.figures.on_time,
            "points": str(fast.points), "rounds": len(fast_times), "direct_rounds": len(direct_times)}


def part(args, results: dict, say) -> None:
    """The province's year from the days' measures against the direct computation from the dossiers."""
    say(f"indicators: {args.report_dossiers:,} dossiers of this year")
    world = the_world()
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM dossiers_dossier")
        first = cursor.fetchone()[0] + 1
    results["report_data"] = generate(world, first=first, last=first + args.report_dossiers - 1, log=say)
    figures = indicator_figures(log=say)
    results["indicators"] = figures
    say(f"  scorecard from the measures: median {figures['median_ms']:.1f} ms; direct "
        f"{figures['direct_median_ms']:.0f} ms (×{figures['speedup']:.0f}); identical: {figures['identical']}")


def rows(results: dict, target: str) -> list[tuple]:
    """The report's line (figure, measured, baseline, ratio, target, met)."""
    ind = results["indicators"]
    met = ind["median_ms"] <= 200 and ind["speedup"] >= 50 and ind["identical"]
    return [(f"766 indicators, a year of {ind['facts']:,} dossiers (ms)", f"{ind['median_ms']:.1f} median",
             f"{ind['direct_median_ms']:,.0f} direct SQL", f"×{ind['speedup']:,.0f}", target, met)]
