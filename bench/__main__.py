"""`python -m bench` (what `make bench` runs): every figure of docs/performance.md beside its baseline,
measured in the same run on PostgreSQL and Redis. Ratios are what to compare between machines; absolute
times depend on the machine.

It drops and recreates its own database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/bench;
the name must contain "bench"), uses its own Redis database (REDIS_URL, default redis://127.0.0.1:6379/13)
and Celery queue, starts the mock NPSP, the mock document axis, a Celery worker and beat, and gunicorn on
loopback, and stops them at the end. Every loop is bounded in count and time; the whole run takes about
15-19 minutes on two cores (the official documents' part, bench/documents.py, about 3 of them, the document
axis', bench/axis.py, about 2; the indicators' over ten million dossiers, bench/reports.py, about 7;
``--only`` runs one part).
Results go to the terminal and to var/bench/results.json."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"

TARGETS = {
    "sync_throughput": "≥ 1,000 events/s with one worker",
    "sync_lag": "p95 < 2 s",
    "lookup": "≥ 0.7 × baseline",
    "worklist": "median < 20 ms at 1M, 1M/10k < 1.3",
    "signing": "reported (no target set)",
    "document_search": "≤ 2 × bare and < 50 ms",
    "document_worklist": "1M/10k ≤ 1.2, same queries",
    "axis_throughput": "≥ 50 packages/s with one worker",
    "axis_round_trip": "p95 ≤ 2 s",
    "indicators": "≤ 200 ms and ≥ 50 × direct, identical",
}


def configure(args) -> dict[str, str]:
    """The environment of this process and of every process it starts."""
    env = {
        "DATABASE_URL": os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/bench",
        "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13",
        "CELERY_QUEUE": f"bench-{uuid.uuid4().hex[:8]}",
        # Production-like web settings over plain HTTP on loopback, the same for product and baseline.
        "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "bench-only-" + uuid.uuid4().hex, "DEMO_APPS": "true",
        "SECURE_SSL_REDIRECT": "false", "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0", "LOG_LEVEL": "WARNING",
        # The rate limiter stays on (its Redis round trip is part of the product's cost), with a limit
        # no bench client reaches.
        "DOSSIER_LOOKUP_RATE": "1000000000/m",
        "NPSP_KEY_ID": "province-bench", "NPSP_SECRET": "bench-npsp-secret", "NPSP_ADMIN_TOKEN": "bench-admin",
        "SIGNATURES_CA_PASSPHRASE": "bench-only-ca-" + uuid.uuid4().hex, "SIGNATURES_TOKEN_PEPPER": "bench-only-pepper",
        "NPSP_RELAY_EVERY_SECONDS": os.environ.get("NPSP_RELAY_EVERY_SECONDS", "5"),
        # The document axis: the mock's credentials, and its root that the portal trusts. Until the axis part
        # starts the mock, AXIS_URL is a port nothing listens on, so no earlier part reaches a real axis.
        "AXIS_URL": "http://127.0.0.1:9", "AXIS_SYSTEM_ID": "province-bench", "AXIS_SECRET": "bench-axis-secret",
        "AXIS_ADMIN_TOKEN": "bench-axis-admin", "AXIS_TRUST_ANCHORS": str(OUT / "axis-mock" / "ca.pem"),
        # The documents' files go under var/bench/, emptied with the database at the start of each run.
        "MEDIA_ROOT": str(OUT / "media"),
    }
    if urlsplit(env["DATABASE_URL"]).path.lstrip("/").find("bench") < 0:
        sys.exit(f"refusing to drop {env['DATABASE_URL']}: the bench database's name must contain 'bench'")
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    return env


def recreate_database(url: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000, help="the large data set (default 1,000,000)")
    parser.add_argument("--small", type=int, default=10_000, help="the small data set (default 10,000)")
    parser.add_argument("--events", type=int, default=20_000, help="backlog for the throughput figure")
    parser.add_argument("--lag-seconds", type=float, default=30.0)
    parser.add_argument("--lag-rate", type=float, default=50.0)
    parser.add_argument("--load-seconds", type=int, default=5, help="each lookup round")
    parser.add_argument("--lookup-rounds", type=int, default=4, help="pairs of rounds (bare, then product)")
    parser.add_argument("--sign-documents", type=int, default=20, help="documents signed and verified")
    parser.add_argument("--documents", type=int, default=1_000_000, help="official documents (default 1,000,000)")
    parser.add_argument("--documents-small", type=int, default=10_000, help="the worklist's small size")
    parser.add_argument("--search-rounds", type=int, default=15, help="times each search query is timed")
    parser.add_argument("--axis-packages", type=int, default=300, help="documents for the exchange throughput")
    parser.add_argument("--axis-rate", type=float, default=5.0, help="documents issued a second (round trip)")
    parser.add_argument("--axis-seconds", type=float, default=30.0, help="how long they are issued (round trip)")
    parser.add_argument("--report-dossiers", type=int, default=10_000_000,
                        help="dossiers of the year for the Decision 766 indicators (default 10,000,000)")
    parser.add_argument("--only", choices=["all", "dossiers", "documents", "axis", "reports"], default="all",
                        help="measure only one part: the dossiers', the documents' or the axis' (default: all)")
    args = parser.parse_args(argv)
    env = configure(args)
    OUT.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    say = lambda text: print(f"[{time.monotonic() - began:6.1f} s] {text}", flush=True)  # noqa: E731

    say(f"database {env['DATABASE_URL']} (recreated), Redis {env['REDIS_URL']}, queue {env['CELERY_QUEUE']}")
    recreate_database(env["DATABASE_URL"])
    shutil.rmtree(OUT / "media", ignore_errors=True)  # the files of the database just dropped
    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")

    import django

    django.setup()
    results: dict = {"environment": {"cpus": os.cpu_count(), "database": env["DATABASE_URL"],
                                     "redis": env["REDIS_URL"]}}
    if args.only in ("all", "dossiers"):
        dossier_figures(args, env, results, say)
    if args.only in ("all", "documents"):
        documents_figures(args, results, say)
    if args.only in ("all", "axis"):
        axis_figures(args, env, results, say)
    if args.only in ("all", "reports"):
        from bench import reports

        reports.part(args, results, say)
    results["total_seconds"] = time.monotonic() - began
    (OUT / "results.json").write_text(json.dumps(results, indent=2, default=str))
    report(results, args)


def dossier_figures(args, env: dict[str, str], results: dict, say) -> None:
    """The dossiers' figures: sync throughput and lag, the officer worklist, the public lookup, signing."""
    from bench import data, signing, sync, web, world
    from bench.processes import Processes, free_port

    mock_db = OUT / "npsp-mock.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{mock_db}{suffix}").unlink(missing_ok=True)
    processes = Processes(env=dict(os.environ), logs=OUT)
    try:
        npsp = processes.mock(port=free_port(), db=mock_db)
        os.environ["NPSP_URL"] = processes.env["NPSP_URL"] = npsp
        from django.conf import settings

        settings.NPSP_URL = npsp

        say("sync throughput: baseline, one signed request per event (no database)")
        per_event = sync.per_event_requests(max_events=3000, max_seconds=10)
        say(f"  {per_event['events_per_s']:.0f} events/s ({per_event['events']} events)")
        say("sync throughput: baseline 2, the relay with a batch of one (in this process)")
        unbatched = sync.relay_unbatched(events=2000, max_seconds=10)
        say(f"  {unbatched['events_per_s']:.0f} events/s ({unbatched['events']} events)")
        processes.worker()
        say(f"sync throughput: {args.events:,} events in the outbox, one Celery worker (solo) draining them")
        batched = sync.worker_throughput(events=args.events, max_seconds=120, log=say)
        say(f"  {batched['events_per_s']:.0f} events/s ({batched['events']} events, {batched['kicks']} kick(s))")
        stats = sync.mock_stats(npsp, env["NPSP_ADMIN_TOKEN"])
        results["sync_throughput"] = {"batched": batched, "per_event_requests": per_event,
                                      "relay_batch_of_one": unbatched, "mock_stats": stats}

        sync.mock_reset(npsp, env["NPSP_ADMIN_TOKEN"])
        processes.beat()
        say(f"sync lag: {args.lag_rate:.0f} events/s committed for {args.lag_seconds:.0f} s, worker + beat running")
        lag = sync.steady_lag(rate=args.lag_rate, seconds=args.lag_seconds, mock_db=mock_db, log=say)
        say(f"  commit → NPSP p50 {lag['npsp_p50_s']:.3f} s, p95 {lag['npsp_p95_s']:.3f} s, "
            f"max {lag['npsp_max_s']:.3f} s ({lag['delivered']}/{lag['events']} delivered)")
        results["sync_lag"] = {**lag, "baseline_request_p50_s": per_event["request_p50_ms"] / 1000,
                               "baseline_request_p95_s": per_event["request_p95_ms"] / 1000}
        for name, process in list(processes.running):
            if name.startswith("celery"):
                process.terminate()
                process.wait(15)

        say(f"worklist: {args.small:,} dossiers")
        the_world = world.build()
        results["data_small"] = data.generate(the_world, first=1, last=args.small, log=say)
        site = processes.gunicorn(port=free_port(), workers=2, threads=8)
        cookie = web.session_cookie(the_world.specialist)
        small = web.worklist_latency(site, cookie=cookie, requests_count=200, warmup=20, max_seconds=60)
        say(f"  median {small['median_ms']:.1f} ms, p95 {small['p95_ms']:.1f} ms "
            f"({small['rows_on_page']} rows on the page of {small['steps_listed']})")

        say(f"growing the data set to {args.dossiers:,} dossiers")
        results["data_large"] = data.generate(the_world, first=args.small + 1, last=args.dossiers, log=say)
        large = web.worklist_latency(site, cookie=cookie, requests_count=200, warmup=20, max_seconds=60)
        say(f"worklist at {args.dossiers:,}: median {large['median_ms']:.1f} ms, p95 {large['p95_ms']:.1f} ms "
            f"({large['rows_on_page']} rows on the page of {large['steps_listed']})")
        results["worklist"] = {"small": small, "large": large, "ratio": large["median_ms"] / small["median_ms"]}

        codes = OUT / "codes.txt"
        sampled = web.sample_codes(codes, count=20_000, top_id=args.dossiers)
        say(f"public lookup at {args.dossiers:,} dossiers: 16 connections, {sampled:,} random codes")
        rounds: dict[str, list[dict]] = {"bare": [], "product": []}
        for prefix in (web.BARE, web.LOOKUP):  # warm both
            web.throughput(site, prefix, codes, connections=16, seconds=3, workdir=OUT)
        for _round in range(args.lookup_rounds):
            for name, prefix in (("bare", web.BARE), ("product", web.LOOKUP)):
                figure = web.throughput(site, prefix, codes, connections=16, seconds=args.load_seconds, workdir=OUT)
                rounds[name].append(figure)
                say(f"  {name:8} {figure['requests_per_s']:7.0f} req/s (p50 {figure['p50_ms']:.1f} ms, "
                    f"{figure['non_2xx']} non-2xx, {figure['tool']})")
        mean = {name: sum(r["requests_per_s"] for r in runs) / len(runs) for name, runs in rounds.items()}
        # Each product round against the bare round just before it, then the median of those ratios: a burst
        # of load from another tenant of the machine during one round does not decide the figure.
        pairs = [p["requests_per_s"] / b["requests_per_s"] for b, p in zip(rounds["bare"], rounds["product"],
                                                                          strict=True)]
        results["lookup"] = {"rounds": rounds, "bare_rps": mean["bare"], "product_rps": mean["product"],
                             "pair_ratios": pairs, "ratio": statistics.median(pairs),
                             "ratio_of_means": mean["product"] / mean["bare"]}
        say(f"  ratio per pair {', '.join(f'{r:.2f}' for r in pairs)}: median ×{statistics.median(pairs):.2f}")
        say("signing: a 2-page result signed as the product does, then verified, against a bare pyHanko sign")
        results["signing"] = signing.figures(documents=args.sign_documents, max_seconds=90)
        sg = results["signing"]
        say(f"  sign {sg['sign_ms']:.0f} ms, verify {sg['verify_ms']:.0f} ms, PIN {sg['pin_open_ms']:.0f} ms; "
            f"bare pyHanko sign {sg['bare_sign_ms']:.0f} ms ({sg['documents']} documents)")
    finally:
        processes.stop()


def documents_figures(args, results: dict, say) -> None:
    """Official documents (issue 12 §7): full-text search at the large size against the bare indexed SQL,
    and the handler's worklist at the large size against the small one."""
    from bench import documents, documents_data, documents_world

    say(f"documents: {args.documents_small:,} documents")
    the_world = documents_world.build()
    results["documents_small"] = documents_data.generate(the_world, first=1, last=args.documents_small, log=say)
    small = documents.worklist_figures(the_world)
    say(f"  handler worklist: median {small['median_ms']:.2f} ms, {small['queries']} queries "
        f"({small['rows_on_page']} rows of {small['open']})")
    say(f"growing to {args.documents:,} documents")
    results["documents_large"] = documents_data.generate(the_world, first=args.documents_small + 1,
                                                         last=args.documents, log=say)
    large = documents.worklist_figures(the_world)
    say(f"  handler worklist at {args.documents:,}: median {large['median_ms']:.2f} ms, {large['queries']} queries "
        f"({large['rows_on_page']} rows of {large['open']})")
    results["documents_worklist"] = {"small": small, "large": large,
                                     "ratio": large["median_ms"] / small["median_ms"]}
    say(f"full-text search at {args.documents:,} documents: {len(documents.QUERIES)} queries × "
        f"{args.search_rounds}, product and bare SQL alternating")
    search = documents.search_figures(the_world, rounds=args.search_rounds, log=say)
    results["documents_search"] = search
    say(f"  selector's query: median {search['median_ms']:.1f} ms against {search['bare_median_ms']:.1f} ms bare "
        f"(×{search['ratio']:.2f}); the whole page in Python {search['page_median_ms']:.1f} ms")


def axis_figures(args, env: dict[str, str], results: dict, say) -> None:
    """The national document axis (issue 13 §5, bench/axis.py): packages a second with one worker against a
    plain loop, then the status round trip under a steady load."""
    from django.conf import settings

    from bench import axis, axis_world
    from bench.processes import Processes, free_port
    from portal.celery import app

    directory = OUT / "axis-mock"
    shutil.rmtree(directory, ignore_errors=True)
    for stale in OUT.glob("axis-beat-schedule*"):
        stale.unlink()
    processes = Processes(env=dict(os.environ), logs=OUT)
    try:
        url = processes.axis_mock(port=free_port(), directory=directory)
        os.environ["AXIS_URL"] = processes.env["AXIS_URL"] = settings.AXIS_URL = url
        mock = axis.MockAdmin(url, env["AXIS_ADMIN_TOKEN"])
        say("axis: the certificate authority, the agency's certificates, a document issued through the services")
        world = axis_world.build(log=say)
        axis.register(world)
        count, steady = args.axis_packages, round(args.axis_rate * args.axis_seconds)
        documents = axis_world.numbered(world, count - 1 + steady, first=2, log=say)
        batch, later = documents[:count - 1], documents[count - 1:]
        began = time.monotonic()
        for document in batch:
            axis_world.issue(world, document)
        say(f"  {count - 1} of them issued by outgoing_issue in {time.monotonic() - began:.1f} s")
        app.control.purge()  # the kicks and notices of the preparation: the timed relay starts with the clock
        messages = axis.messages_of([world.template, *batch])  # the template's message is one of them
        if left := axis.leftovers():
            say(f"  ({left} messages of an earlier part still pending: the relay tries them too)")
        results["axis_throughput"] = axis.exchange(messages, processes=processes, mock=mock, log=say)
        mock.reset()  # the ministry answers at once again
        processes.beat(name="axis-beat", schedule="axis-beat-schedule", env={"AXIS_PULL_EVERY_SECONDS": "1"})
        processes.wait_log("axis-beat", "Sending due task axis-pull")  # beat is up and reading the mailboxes
        say(f"status round trip: {args.axis_rate:g} documents/s issued for {args.axis_seconds:g} s, worker and "
            f"beat (axis.pull every 1 s) running, the ministry answering at once")
        trip = axis.round_trip(world, later, rate=args.axis_rate, worker_pid=processes.pid("axis-worker"),
                               mock_pid=processes.pid("axis-mock"), log=say)
        say(f"  issue → registered (03) p50 {trip['registered_p50_s']:.2f} s, p95 {trip['registered_p95_s']:.2f} s, "
            f"max {trip['registered_max_s']:.2f} s ({trip['registered']}/{trip['documents']}); "
            f"issue → sent p95 {trip['sent_p95_s']:.2f} s; CPU a document: {trip['portal_cpu_ms']:.0f} ms in the "
            f"worker, {trip['mock_cpu_ms']:.0f} ms in the mock; load {trip['load_average']:.1f}")
        results["axis_round_trip"] = {**trip, "mock_stats": mock.stats()}
    finally:
        processes.stop()


def _report_rows(results: dict) -> list[tuple]:
    from bench import reports

    return reports.rows(results, TARGETS["indicators"])


def report(results: dict, args) -> None:
    rows = (_dossier_rows(results, args) if "sync_throughput" in results else []) + (
        _document_rows(results, args) if "documents_search" in results else []) + (
        _axis_rows(results, args) if "axis_round_trip" in results else []) + (
        _report_rows(results) if "indicators" in results else [])
    print()
    print(f"{'figure':44} {'measured':24} {'baseline (same run)':44} {'ratio':7} {'target':36} met")
    for figure, measured, baseline, ratio, target, met in rows:
        verdict = "—" if met is None else "yes" if met else "NO"
        print(f"{figure:44} {measured:24} {baseline:44} {ratio:7} {target:36} {verdict}")
    print()
    if "data_small" in results:
        small, large = results["data_small"], results["data_large"]
        print(f"data set: {small['dossiers'] + large['dossiers']:,} dossiers, {small['steps'] + large['steps']:,} "
              f"steps generated in {small['total_s'] + large['total_s']:.0f} s")
    if "documents_small" in results:
        small, large = results["documents_small"], results["documents_large"]
        print(f"documents: {small['documents'] + large['documents']:,} documents with their search rows and "
              f"{small['assignments'] + large['assignments']:,} assignments generated in "
              f"{small['total_s'] + large['total_s']:.0f} s")
    print(f"whole bench {results['total_seconds']:.0f} s; details in var/bench/results.json")


def _dossier_rows(results: dict, args) -> list[tuple]:
    t, lag, look, work = (results["sync_throughput"], results["sync_lag"], results["lookup"], results["worklist"])
    batched, base = t["batched"]["events_per_s"], t["per_event_requests"]["events_per_s"]
    rows = [
        ("Sync throughput (events/s, one worker)", f"{batched:,.0f}", f"{base:,.0f} one request/event; "
         f"{t['relay_batch_of_one']['events_per_s']:,.0f} relay batch=1", f"×{batched / base:.1f}",
         TARGETS["sync_throughput"], batched >= 1000),
        (f"Sync lag at {args.lag_rate:.0f}/s, commit → NPSP (s)", f"p50 {lag['npsp_p50_s']:.2f}, "
         f"p95 {lag['npsp_p95_s']:.2f}", f"direct request p50 {lag['baseline_request_p50_s']:.3f}, p95 "
         f"{lag['baseline_request_p95_s']:.3f}", "", TARGETS["sync_lag"],
         lag["npsp_p95_s"] < 2 and lag["delivered"] == lag["events"]),
        (f"Public lookup, 16 conns, {args.dossiers:,} (req/s)", f"{look['product_rps']:,.0f}",
         f"{look['bare_rps']:,.0f} bare view", f"×{look['ratio']:.2f}", TARGETS["lookup"], look["ratio"] >= 0.7),
        ("Officer worklist, median (ms)", f"{work['large']['median_ms']:.1f} at {args.dossiers:,}",
         f"{work['small']['median_ms']:.1f} at {args.small:,}", f"×{work['ratio']:.2f}", TARGETS["worklist"],
         work["large"]["median_ms"] < 20 and work["ratio"] < 1.3),
    ]
    sg = results["signing"]
    bare = f"{sg['bare_sign_ms']:.0f} bare pyHanko sign"
    return rows + [
        (f"Sign a {sg['pages']}-page result (ms/document)", f"{sg['sign_ms']:.0f} ({sg['signatures_per_document']} sig.)",
         bare, f"×{sg['sign_ratio']:.1f}", TARGETS["signing"], None),
        ("Verify it (ms/document)", f"{sg['verify_ms']:.0f}", bare, f"×{sg['verify_ratio']:.1f}", TARGETS["signing"],
         None),
    ]


def _document_rows(results: dict, args) -> list[tuple]:
    search, work = results["documents_search"], results["documents_worklist"]
    small, large = work["small"], work["large"]
    return [
        (f"Document search, {args.documents:,}, median (ms)", f"{search['median_ms']:.1f}",
         f"{search['bare_median_ms']:.1f} bare indexed SQL", f"×{search['ratio']:.2f}", TARGETS["document_search"],
         search["ratio"] <= 2 and search["median_ms"] < 50),
        ("  the whole page in Python (ms)", f"{search['page_median_ms']:.1f}",
         f"{search['bare_median_ms']:.1f} bare indexed SQL", f"×{search['page_ratio']:.2f}", "reported", None),
        ("Handler worklist, median (ms)", f"{large['median_ms']:.2f} at {args.documents:,} ({large['queries']} q.)",
         f"{small['median_ms']:.2f} at {args.documents_small:,} ({small['queries']} q.)", f"×{work['ratio']:.2f}",
         TARGETS["document_worklist"], work["ratio"] <= 1.2 and large["queries"] == small["queries"]),
    ]


def _axis_rows(results: dict, args) -> list[tuple]:
    flow, trip = results["axis_throughput"], results["axis_round_trip"]
    relayed, plain = flow["relayed"]["packages_per_s"], [loop["packages_per_s"] for loop in flow["plain_loops"]]
    return [
        ("Axis exchange (packages/s, one worker)", f"{relayed:.1f}",
         f"{flow['baseline_per_s']:.1f} plain loop ({plain[0]:.0f} before, {plain[1]:.0f} after)",
         f"×{flow['ratio']:.2f}", TARGETS["axis_throughput"], relayed >= 50),
        (f"Axis round trip at {args.axis_rate:g}/s, issue → 03 (s)", f"p50 {trip['registered_p50_s']:.2f}, "
         f"p95 {trip['registered_p95_s']:.2f}", f"issue → sent p50 {trip['sent_p50_s']:.2f}, p95 "
         f"{trip['sent_p95_s']:.2f}", "", TARGETS["axis_round_trip"],
         trip["registered_p95_s"] <= 2 and trip["registered"] == trip["documents"]),
    ]


if __name__ == "__main__":
    main()
