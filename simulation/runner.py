"""One simulation run, start to finish: build the world, start the NPSP side, let dossiers arrive for the
duration, let those in flight finish, drain the outbox, then read the figures back and check them."""

from __future__ import annotations

import logging
import os
import random
import time
from contextlib import ExitStack

from django.conf import settings
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from dossiers.models import Dossier
from nationalportal import client
from outbox.models import OutboxMessage
from outbox.relay import claimable
from reports.readiness.services import trial_run_record
from simulation import report as figures
from simulation.actors import BACKOFFICE, CITIZEN, OFFICER, Actors
from simulation.config import SimulationConfig
from simulation.progress import Progress, clock
from simulation.sync import DEV_ADMIN_TOKEN, FaultSchedule, MockProcess, Npsp, Relays, kicks_wake
from simulation.world import world_build


class SimulationError(Exception):
    pass


def _wait(condition, *, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return bool(condition())


def simulation_run(config: SimulationConfig, *, stream=None) -> figures.Report:
    if config.sync == "celery" and config.start_mock:
        raise SimulationError("--start-mock needs the in-process relay: Celery workers would not know its address.")
    restore_loggers = _quiet_loggers()
    try:
        return _simulation_run(config, stream=stream)
    finally:
        restore_loggers()


# Expected noise under faults (each failed batch logs a warning) and fpdf's font subsetting would scroll the
# progress bar away; the report counts retries instead.
_QUIET = {"outbox.relay": logging.ERROR, "fontTools": logging.WARNING, "fpdf": logging.WARNING}


def _quiet_loggers():
    previous = {name: logging.getLogger(name).level for name in _QUIET}
    for name, level in _QUIET.items():
        logging.getLogger(name).setLevel(level)

    def restore():
        for name, level in previous.items():
            logging.getLogger(name).setLevel(level)

    return restore


def _simulation_run(config: SimulationConfig, *, stream=None) -> figures.Report:
    world = world_build(communes=config.communes, citizens_per_commune=config.citizens_per_commune, seed=config.seed)
    with ExitStack() as stack:
        overrides = {"NPSP_RETRY_BASE_SECONDS": config.retry_base_seconds,
                     "NPSP_RETRY_MAX_SECONDS": config.retry_max_seconds,
                     "NPSP_MAX_ATTEMPTS": config.attempts(),
                     "NPSP_TIMEOUT_SECONDS": config.npsp_timeout_seconds}
        if config.start_mock:
            mock = MockProcess.start()
            stack.callback(mock.stop)
            overrides.update(NPSP_URL=mock.url, NPSP_KEY_ID=mock.key_id, NPSP_SECRET=mock.secret)
            npsp = Npsp(mock.url, mock.admin_token)
        else:
            url = config.npsp_url or settings.NPSP_URL
            overrides["NPSP_URL"] = url
            npsp = Npsp(url, config.npsp_admin_token or os.environ.get("NPSP_ADMIN_TOKEN", DEV_ADMIN_TOKEN))
            if not npsp.healthy():
                raise SimulationError(f"No NPSP answers at {url}: start one (python -m nationalportal.mock) "
                                      "or pass --start-mock.")
        stack.enter_context(override_settings(**overrides))
        relays = Relays(config.relay_threads if config.sync == "inprocess" else 0)
        if config.sync == "inprocess":
            stack.enter_context(kicks_wake(relays))
            relays.start()
            stack.callback(relays.stop)
            # Deliver what was waiting before the run (the demo seed's messages...), so the counts start clean.
            _wait(lambda: not claimable().exists(), timeout=30)
        return _run(config, world, npsp, relays, stack, stream)


def _run(config, world, npsp: Npsp, relays: Relays, stack: ExitStack, stream) -> figures.Report:
    first_id = OutboxMessage.objects.order_by("-id").values_list("id", flat=True).first() or 0
    npsp_before = npsp.stats()
    actors = Actors(world=world, mix=config.mix, seed=config.seed, think_ms=config.think_ms,
                    threads={CITIZEN: config.citizen_threads, OFFICER: config.officer_threads,
                             BACKOFFICE: config.backoffice_threads})
    started = time.monotonic()
    wall_started = timezone.now()
    phase = {"name": "arrivals", "until": started + config.duration}
    faults = FaultSchedule(npsp, config.faults)
    faults.start(started)
    stack.callback(faults.stop)
    stack.callback(lambda: _clear_faults(npsp))

    def describe():
        try:
            pending = OutboxMessage.objects.filter(id__gt=first_id, status=OutboxMessage.Status.PENDING).count()
            delivered = OutboxMessage.objects.filter(id__gt=first_id, status=OutboxMessage.Status.DELIVERED).count()
        finally:
            connection.close()
        now = time.monotonic()
        stats = actors.stats
        if phase["name"] == "arrivals":
            fraction = (now - started) / config.duration if config.duration else 1.0
            if config.dossiers:
                fraction = max(fraction, stats.created / config.dossiers)
        elif phase["name"] == "settling":
            fraction = stats.finished / stats.created if stats.created else 1.0
        else:
            fraction = delivered / (pending + delivered) if pending + delivered else 1.0
        rate = stats.created / max(0.001, min(now, phase.get("arrivals_end", now)) - started)
        return fraction, (f"{phase['name']:<9} {clock(now - started)} dossiers {stats.created} ({rate:.1f}/s) "
                          f"done {stats.finished} | outbox pending {pending} delivered {delivered} | "
                          f"conflicts {sum(stats.conflicts.values())} errors {len(stats.errors)}")

    progress = Progress(describe, stream=stream, enabled=config.progress)
    actors.start()
    stack.callback(actors.stop)
    progress.start()
    try:
        rng = random.Random(f"{config.seed}-arrivals")
        index, next_at = 0, started
        while time.monotonic() < phase["until"] and (config.dossiers is None or index < config.dossiers):
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(max(0.0, min(delay, phase["until"] - time.monotonic(), 0.5)))
                continue
            actors.arrive(index)
            index += 1
            next_at += rng.expovariate(config.rate) if config.rate > 0 else 0
        phase["arrivals_end"] = arrivals_end = time.monotonic()
        phase["name"] = "settling"
        _wait(lambda: actors.open_tracks() == 0, timeout=config.settle_timeout)
        actors.stop()
        phase["name"] = "draining"
        pending = OutboxMessage.objects.filter(id__gt=first_id, status=OutboxMessage.Status.PENDING)
        _wait(lambda: not pending.exists(), timeout=config.drain_timeout, interval=0.5)
    finally:
        progress.stop()
    total_seconds = time.monotonic() - started
    relays.stop()
    npsp.wait_up(30)  # a refuse window may still be open when the drain gave up
    npsp_after = npsp.stats()
    _clear_faults(npsp)  # the run's faults are over: read the NPSP's view without them
    npsp_dossiers = None
    for _attempt in range(5):
        try:
            npsp_dossiers = client.call("GET", "/v1/dossiers").get("dossiers")
            break
        except client.NpspError:
            time.sleep(1)
    ids = [t.dossier_id for t in actors.tracks if t.dossier_id]
    dossiers = list(Dossier.objects.filter(pk__in=ids).select_related("centre"))
    now = timezone.now()
    data = {
        "run": {
            "communes": len(world.communes), "centres": [c.centre.slug for c in world.communes],
            "citizens": len(world.citizens), "seed": config.seed, "started_at": wall_started.isoformat(),
            "arrival_seconds": arrivals_end - started, "total_seconds": total_seconds,
            "sync": config.sync, "npsp_url": settings.NPSP_URL,
            "faults": _describe_faults(config), "accounts_created": world.created_accounts,
            "demo_seeded": world.seeded, "config": config.as_dict(),
        },
        "dossiers": {**figures.dossier_figures(dossiers, arrival_seconds=arrivals_end - started,
                                               total_seconds=total_seconds),
                     "finished_per_second": actors.stats.finished / total_seconds},
        "deadlines": figures.deadline_figures(dossiers, now),
        "codes": figures.codes_check(dossiers),
        "sync": {**figures.sync_figures(first_id=first_id, npsp_before=npsp_before, npsp_after=npsp_after,
                                        npsp_dossiers=npsp_dossiers, dossiers=dossiers),
                 "relay_batches": relays.stats.batches, "relay_retried": relays.stats.retried,
                 "relay_errors": relays.stats.errors[:5]},
        "actors": {
            "unfinished": actors.open_tracks(),
            "conflicts": dict(actors.stats.conflicts), "refusals": dict(actors.stats.refusals),
            "errors": actors.stats.errors[:10],
            "calls": {name: {"count": actors.stats.calls[name],
                             "p50": figures.percentile(times, 0.5), "p95": figures.percentile(times, 0.95)}
                      for name, times in sorted(actors.stats.call_seconds.items())},
        },
    }
    report = figures.Report(data=data)
    _check(report)
    _record(report, world, started_at=wall_started)
    return report


def _record(report: figures.Report, world, *, started_at) -> None:
    """Every run, passed or failed, is the trial operation the readiness board shows for its communes."""
    d = report.data
    sync = d["sync"]
    trial_run_record(
        started_at=started_at, finished_at=timezone.now(), ok=report.ok, centres=[c.centre for c in world.communes],
        dossiers=d["dossiers"]["created"], on_time_rate=d["deadlines"]["on_time_rate"], failures=report.failures,
        figures={"dossiers_per_second": round(d["dossiers"]["per_second"], 2), "faults": d["run"]["faults"],
                 "sync_lag_p95_seconds": sync["lag_p95"], "messages": sync["created"], "lost": sync["lost"],
                 "duplicates_applied": sync["duplicates_applied"], "citizens": d["run"]["citizens"]})


def _check(report: figures.Report) -> None:
    sync, actors, d = report.data["sync"], report.data["actors"], report.data
    fail = report.failures.append
    if sync["pending"] or sync["dead"]:
        fail(f"{sync['pending']} outbox messages still pending and {sync['dead']} dead after the drain")
    if sync["lost"]:
        fail(f"{sync['lost']} messages lost (created {sync['created']}, the NPSP applied {sync['npsp_applied']})")
    if sync["duplicates_applied"]:
        fail(f"the NPSP applied {sync['duplicates_applied']} more messages than the run created")
    if sync["out_of_order"]:
        fail(f"{sync['out_of_order']} messages reached the NPSP out of order")
    if sync["npsp_state_matches"] is None:
        fail("the NPSP's list of dossiers could not be read to compare states")
    elif sync["npsp_state_matches"] != d["dossiers"]["submitted_or_filed"]:
        fail("the NPSP's view of some dossiers differs from the portal's")
    if actors["errors"]:
        fail(f"{len(actors['errors'])} unexpected errors in the actors")
    if actors["refusals"]:
        fail(f"services refused {sum(actors['refusals'].values())} actions the script expected to be allowed")
    if actors["unfinished"]:
        fail(f"{actors['unfinished']} dossiers were still in flight when the settle time ran out")
    if not d["codes"]["gap_free"]:
        fail("dossier codes have gaps or repeats")


def _describe_faults(config: SimulationConfig) -> str:
    f = config.faults
    parts = []
    if f.error_rate:
        parts.append(f"error rate {f.error_rate:.0%}")
    if f.latency_ms:
        parts.append(f"latency {f.latency_ms} ms")
    if f.timeout_rate:
        parts.append(f"timeouts {f.timeout_rate:.0%}")
    if f.down_at is not None and f.down_for:
        parts.append(f"{'refusing connections' if f.down_mode == 'refuse' else 'down (503)'} "
                     f"from {f.down_at:g} s for {f.down_for:g} s")
    return ", ".join(parts)


def _clear_faults(npsp: Npsp) -> None:
    try:
        npsp.wait_up(10)
        npsp.faults(clear=True)
    except Exception:  # noqa: BLE001 - best effort: the mock may be stopping
        pass
