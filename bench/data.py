"""The bench's dossiers, made by PostgreSQL itself: one ``INSERT ... SELECT FROM generate_series`` per
table (no row crosses the wire), so 1,000,000 dossiers and their ~3.4 million steps take about a minute.

The shape, the same at every size (docs/performance.md):
- 60 receiving centres, one agency each; the provincial centre (index 0, the one whose worklist is timed)
  receives about a fifth of all dossiers, the 59 others share the rest;
- an open workload of 1,000 dossiers (the first 10,000 rows hold it: every tenth row), of which 200 await
  the one-stop check and 800 are being processed, each with its current step active or taken;
- everything else is history: returned (four done steps), refused or withdrawn (no steps).
Every dossier has its code, as submission gives it (refused and withdrawn ones keep theirs).
So growing from 10,000 to 1,000,000 dossiers adds history, as years of service do, not open work.

Row ``n`` has id ``n``, a unique code ``{agency}-{yymmdd}-{nnnn}`` (day ``n // 10000`` before today) and
a uuid derived from ``n``, so runs are repeatable."""

from __future__ import annotations

import time

from django.db import connection

from bench.world import World

OPEN_ROWS = 10_000  # rows 1..OPEN_ROWS hold the open workload (every tenth of them)

# Which centre (index into the world's lists) row n belongs to: about 20.6 % to the provincial centre.
_CENTRE = "(CASE WHEN ({n} * 7919) % 97 < 20 THEN 0 ELSE 1 + ({n} * 31) % 59 END)"
_OPEN = f"(n <= {OPEN_ROWS} AND n % 10 = 0)"
# The current step of an open dossier being processed (1 officer, 2 specialist, 3 leader, 4 clerk).
_POSITION = "(CASE ({n} / 10) % 8 WHEN 0 THEN 1 WHEN 1 THEN 1 WHEN 6 THEN 3 WHEN 7 THEN 4 ELSE 2 END)"
_STATE = (f"(CASE WHEN {_OPEN} AND (n / 10) % 10 < 2 THEN 'submitted'"
          f" WHEN {_OPEN} AND {_POSITION.format(n='n')} = 1 THEN 'received' WHEN {_OPEN} THEN 'in_progress'"
          " WHEN n % 20 = 1 THEN 'refused' WHEN n % 20 = 3 THEN 'withdrawn' ELSE 'returned' END)")

FAMILY = [("Nguyễn", "nguyen"), ("Trần", "tran"), ("Lê", "le"), ("Phạm", "pham"), ("Hoàng", "hoang"),
          ("Vũ", "vu"), ("Đặng", "dang"), ("Bùi", "bui"), ("Đỗ", "do"), ("Hồ", "ho"), ("Ngô", "ngo"),
          ("Dương", "duong"), ("Lý", "ly")]
MIDDLE = [("Văn", "van"), ("Thị", "thi"), ("Minh", "minh"), ("Ngọc", "ngoc"), ("Đức", "duc")]
GIVEN = [("An", "an"), ("Bình", "binh"), ("Cường", "cuong"), ("Dũng", "dung"), ("Hà", "ha"), ("Hoa", "hoa"),
         ("Lan", "lan"), ("Mai", "mai"), ("Nam", "nam"), ("Phong", "phong"), ("Thảo", "thao"), ("Yến", "yen")]
STEPS = [("officer", "Tiếp nhận, kiểm tra, số hóa hồ sơ và chuyển xử lý", "Receive and check", "0.5"),
         ("specialist", "Thẩm định hồ sơ, dự thảo kết quả", "Examine and draft the result", "1.5"),
         ("leader", "Xem xét, ký duyệt kết quả", "Review and sign the result", "0.5"),
         ("clerk", "Vào sổ, đóng dấu, chuyển kết quả về bộ phận một cửa", "Register and send back", "0.5")]
TABLES = ("dossiers_dossier", "dossiers_dossierstep")


def _array(values) -> str:
    return "ARRAY[" + ",".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table])
        return {row[0] for row in cursor.fetchall()}


def _dossier_sql(world: World, first: int, last: int) -> str:
    names = {
        "fam": _array(f for f, _ in FAMILY), "famf": _array(f for _, f in FAMILY),
        "mid": _array(m for m, _ in MIDDLE), "midf": _array(m for _, m in MIDDLE),
        "giv": _array(g for g, _ in GIVEN), "givf": _array(g for _, g in GIVEN),
    }
    centres = "ARRAY[" + ",".join(map(str, world.centre_ids)) + "]::bigint[]"
    codes = _array(world.agency_codes)
    versions = "ARRAY[" + ",".join(map(str, world.version_ids)) + "]::bigint[]"
    state, received = _STATE, f"({_STATE} IN ('received', 'in_progress', 'returned'))"
    name_at = ("({fam})[1 + n % 13] || ' ' || ({mid})[1 + (n / 13) % 5] || ' ' || ({giv})[1 + (n / 65) % 12]")
    folded = ("({famf})[1 + n % 13] || ' ' || ({midf})[1 + (n / 13) % 5] || ' ' || ({givf})[1 + (n / 65) % 12]")
    day = "(current_date - (n / 10000)::int)"
    at = f"({day} + time '07:00' + (n % 10000) * interval '3 seconds')::timestamptz"
    columns = {
        "id": "n", "created_at": f"{at} - interval '1 hour'", "updated_at": at, "uuid": "md5('bench' || n)::uuid",
        "code": f"({codes})[1 + {_CENTRE.format(n='n')}] || '-' || to_char({day}, 'YYMMDD') || '-'"
                " || lpad((n % 10000 + 1)::text, 4, '0')",
        "state": state, "channel": "CASE WHEN n % 3 = 0 THEN 'counter' ELSE 'online' END",
        "applicant_name": name_at.format(**names), "search_name": folded.format(**names),
        "applicant_cccd": "'022' || lpad(((n * 7919) % 1000000000)::text, 9, '0')",
        "applicant_phone": "'09' || lpad((n % 100000000)::text, 8, '0')", "applicant_email": "''",
        "applicant_address": "'Tổ ' || (1 + n % 20) || ', khu ' || (1 + n % 9) || ', tỉnh Quảng Ninh'",
        "description": "''", "submitted_at": f"CASE WHEN {state} <> 'draft' THEN {at} - interval '1 hour' END",
        "received_at": f"CASE WHEN {received} THEN {at} END",
        "due_at": f"CASE WHEN {received} THEN {at} + interval '3 days' END", "paused_at": "NULL",
        "paused_hours": "0", "extended": "false",
        "result_ready_at": f"CASE WHEN {state} = 'returned' THEN {at} + interval '2 days' END",
        "result_file": "''", "result_name": "''",
        "closed_at": f"CASE WHEN {state} IN ('returned', 'refused', 'withdrawn') THEN {at} + interval '2 days' END",
        "applicant_id": "NULL", "centre_id": f"({centres})[1 + {_CENTRE.format(n='n')}]", "created_by_id": str(world.creator_id),
        "procedure_version_id": f"({versions})[1 + n % {len(world.version_ids)}]",
        "received_by_id": f"CASE WHEN {received} THEN {world.creator_id} END",
        # Columns other features add (nullable or with an obvious empty value) — filled when present.
        "registry_fields": "'[]'::jsonb", "registry_checked_at": "NULL", "result_signed_by": "''",
        "form_data": "'{}'::jsonb", "paper_delivery": "''", "post_address": "''", "result_document_id": "NULL",
    }
    present = _columns("dossiers_dossier")
    missing = present - set(columns)
    if missing:
        raise RuntimeError(f"bench/data.py does not know how to fill dossiers_dossier columns {sorted(missing)}")
    names_sql = ", ".join(c for c in columns if c in present)
    values_sql = ", ".join(v for c, v in columns.items() if c in present)
    return (f"INSERT INTO dossiers_dossier ({names_sql}) SELECT {values_sql} "
            f"FROM generate_series({first}::bigint, {last}::bigint) AS n")


def _step_sql(world: World, first: int, last: int) -> str:
    agencies = "ARRAY[" + ",".join(map(str, world.agency_ids)) + "]::bigint[]"
    roles, names, names_en = (_array(s[i] for s in STEPS) for i in range(3))
    durations = "ARRAY[" + ",".join(s[3] for s in STEPS) + "]::numeric[]"
    position = _POSITION.format(n="d.id")
    done = f"(d.state = 'returned' OR p < {position})"
    current_state = "CASE WHEN d.id % 3 = 0 THEN 'taken' ELSE 'active' END"
    return f"""
        INSERT INTO dossiers_dossierstep (position, name, name_en, responsible_role, duration, due_at, state,
                                          started_at, completed_at, note, agency_id, dossier_id, handler_id,
                                          drafts_result)
        SELECT p, ({names})[p], ({names_en})[p], ({roles})[p], ({durations})[p],
               d.received_at + p * interval '18 hours',
               CASE WHEN {done} THEN 'done' WHEN p = {position} THEN {current_state} ELSE 'waiting' END,
               CASE WHEN {done} OR p = {position} THEN d.received_at + (p - 1) * interval '12 hours' END,
               CASE WHEN {done} THEN d.received_at + p * interval '12 hours' END,
               '', ({agencies})[1 + {_CENTRE.format(n='d.id')}], d.id,
               CASE WHEN {done} OR (p = {position} AND d.id % 3 = 0) THEN {world.creator_id} END,
               p = 2
        FROM dossiers_dossier d CROSS JOIN generate_series(1, 4) AS p
        WHERE d.id BETWEEN {first} AND {last} AND d.received_at IS NOT NULL"""


def secondary_indexes(tables=TABLES) -> list[tuple[str, str]]:
    """(name, definition) of the indexes of ``tables`` that back no constraint."""
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = ANY(%s) AND NOT EXISTS (
                SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)""",
                       [list(tables)])
        return cursor.fetchall()


def generate(world: World, *, first: int, last: int, log=print) -> dict:
    """Insert dossiers ``first..last`` (ids) and their steps; the secondary indexes are dropped for a large
    load and built again afterwards, exactly as they were (their definitions are read back first)."""
    started = time.monotonic()
    rebuild = last - first > 100_000
    indexes = secondary_indexes() if rebuild else []
    with connection.cursor() as cursor:
        # Generated rows are consistent by construction: skip the per-row foreign-key triggers.
        cursor.execute("SET session_replication_role = replica")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        try:
            cursor.execute(_dossier_sql(world, first, last))
            dossiers = cursor.rowcount
            inserted = time.monotonic()
            cursor.execute(_step_sql(world, first, last))
            steps = cursor.rowcount
            steps_inserted = time.monotonic()
        finally:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("SELECT setval(pg_get_serial_sequence('dossiers_dossier', 'id'), %s)", [last])
        for table in TABLES:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
        cursor.execute("ANALYZE")  # the small tables of the world too: the planner sees real sizes
    done = time.monotonic()
    figures = {"dossiers": dossiers, "steps": steps, "dossier_insert_s": inserted - started,
               "step_insert_s": steps_inserted - inserted, "index_and_analyze_s": done - steps_inserted,
               "total_s": done - started, "indexes_rebuilt": len(indexes)}
    log(f"  generated {dossiers:,} dossiers and {steps:,} steps in {figures['total_s']:.1f} s "
        f"(dossiers {figures['dossier_insert_s']:.1f} s, steps {figures['step_insert_s']:.1f} s, "
        f"{len(indexes)} indexes + analyze {figures['index_and_analyze_s']:.1f} s)")
    return figures
