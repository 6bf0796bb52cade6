"""The figures of a run, read back from the database and the NPSP after the outbox is drained, and how
they are shown: a table for people, JSON for machines."""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max

from dossiers.models import Dossier, DossierCodeSeries, DossierEvent
from outbox.models import OutboxMessage

DEADLINE_NOTE = (
    "Real time: the services set due_at from the procedures' legal processing times (working hours or days on "
    "the working-day calendar) and result_ready_at when the last step is done, and Dossier.is_late compares "
    "them. A run of minutes cannot exhaust a deadline of hours or days, so an on-time rate near 100% here "
    "shows that the deadline bookkeeping holds under load (due dates set, moved by supplements and "
    "extensions), not how fast a real centre works."
)


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(share * (len(ordered) - 1)))))
    return ordered[index]


@dataclass
class Report:
    data: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def as_json(self) -> str:
        return json.dumps({**self.data, "ok": self.ok, "failures": self.failures}, ensure_ascii=False, indent=2,
                          default=str)

    def as_table(self) -> str:
        d = self.data
        rows: list[tuple[str, str]] = []

        def add(label: str, value: Any) -> None:
            rows.append((label, "" if value is None else str(value)))

        def ms(value):
            return "-" if value is None else f"{value * 1000:.0f} ms"

        def sec(value):
            return "-" if value is None else f"{value:.2f} s"

        run, doss, dl, sync = d["run"], d["dossiers"], d["deadlines"], d["sync"]
        add("communes / citizens", f"{run['communes']} / {run['citizens']} (seed {run['seed']})")
        add("arrivals for / whole run", f"{run['arrival_seconds']:.1f} s / {run['total_seconds']:.1f} s")
        add("faults", run["faults"] or "none")
        add("dossiers created", doss["created"])
        add("dossiers per second (arrived)", f"{doss['per_second']:.2f}")
        add("dossiers per second (finished)", f"{doss['finished_per_second']:.2f} over the whole run")
        add("events (transitions) per second", f"{doss['events_per_second']:.1f} ({doss['events']} events)")
        add("states reached", ", ".join(f"{k} {v}" for k, v in doss["states_reached"].items()))
        add("final states", ", ".join(f"{k} {v}" for k, v in doss["final_states"].items()))
        add("conflicts (someone acted first)", sum(d["actors"]["conflicts"].values()))
        add("services refusing the script", sum(d["actors"]["refusals"].values()))
        add("unexpected errors", len(d["actors"]["errors"]))
        add("dossier codes gap-free", "yes" if d["codes"]["gap_free"] else f"NO: {d['codes']['problems'][:3]}")
        rate = dl["on_time_rate"]
        add("on time (result by due_at)", f"{dl['on_time']} of {dl['with_result']}"
            + ("" if rate is None else f" ({rate * 100:.1f}%)") + f"; extended {dl['extended']}, open past due "
            f"{dl['open_past_due']}")
        add("outbox messages created in run", sync["created"])
        add("  delivered / pending / dead", f"{sync['delivered']} / {sync['pending']} / {sync['dead']}")
        add("sync lag p50 / p95 / max", f"{sec(sync['lag_p50'])} / {sec(sync['lag_p95'])} / {sec(sync['lag_max'])}")
        add("NPSP applied", sync["npsp_applied"])
        add("messages lost (created - applied)", sync["lost"])
        add("duplicates applied by the NPSP", sync["duplicates_applied"])
        add("duplicates received (re-sends)", sync["duplicates_received"])
        add("out of order at the NPSP", sync["out_of_order"])
        add("NPSP state matches portal", f"{sync['npsp_state_matches']} of {doss['submitted_or_filed']}")
        add("relay batches / retried msgs", f"{sync['relay_batches']} / {sync['relay_retried']}")
        for name, call in d["actors"]["calls"].items():
            add(f"  {name}", f"{call['count']} calls, p50 {ms(call['p50'])}, p95 {ms(call['p95'])}")
        width = max(len(label) for label, _ in rows)
        lines = [f"{'Simulation report':<{width}}  ", "-" * (width + 40)]
        lines += [f"{label:<{width}}  {value}" for label, value in rows]
        lines.append("-" * (width + 40))
        lines.append("RESULT: " + ("OK" if self.ok else "FAILED: " + "; ".join(self.failures)))
        lines.append("Note on deadlines: " + DEADLINE_NOTE)
        return "\n".join(lines)


def deadline_figures(dossiers: list[Dossier], now) -> dict:
    with_result = [d for d in dossiers if d.result_ready_at is not None]
    on_time = sum(1 for d in with_result if not d.is_late(now))
    open_past_due = sum(1 for d in dossiers if d.result_ready_at is None and d.is_late(now))
    return {
        "with_result": len(with_result), "on_time": on_time, "late": len(with_result) - on_time,
        "on_time_rate": on_time / len(with_result) if with_result else None, "open_past_due": open_past_due,
        "extended": sum(1 for d in dossiers if d.extended), "note": DEADLINE_NOTE,
    }


def codes_check(dossiers: list[Dossier]) -> dict:
    """Every agency-day the run gave codes on: numbers 1..n, no gap, no repeat, n = the series' counter."""
    days = {(d.centre.agency_id, d.code.rsplit("-", 2)[1]) for d in dossiers if d.code}
    problems = []
    for agency_id, day in sorted(days):
        codes = Dossier.objects.filter(centre__agency_id=agency_id, code__contains=f"-{day}-").values_list(
            "code", flat=True)
        numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
        series = DossierCodeSeries.objects.filter(
            agency_id=agency_id, day=dt.datetime.strptime(day, "%y%m%d").date()).first()
        if numbers != list(range(1, len(numbers) + 1)) or (series and series.last_number != len(numbers)):
            problems.append(f"agency {agency_id} day {day}: {numbers[:10]}...")
    return {"agency_days": len(days), "gap_free": not problems, "problems": problems}


def sync_figures(*, first_id: int, npsp_before: dict, npsp_after: dict, npsp_dossiers: list[dict] | None,
                 dossiers: list[Dossier]) -> dict:
    messages = OutboxMessage.objects.filter(id__gt=first_id)
    status = Counter(messages.values_list("status", flat=True))
    created = sum(status.values())
    lags = [(delivered - created_at).total_seconds() for created_at, delivered in
            messages.filter(status=OutboxMessage.Status.DELIVERED).values_list("created_at", "delivered_at")]
    delta = {k: npsp_after.get(k, 0) - npsp_before.get(k, 0) for k in
             ("applied", "duplicates", "out_of_order", "rejected", "requests")}
    matches = None
    if npsp_dossiers is not None:
        held = {row["dossier_id"]: row for row in npsp_dossiers}
        last = dict(DossierEvent.objects.filter(dossier__in=dossiers).values("dossier_id")
                    .annotate(last=Max("id")).values_list("dossier_id", "last"))
        matches = sum(1 for d in dossiers if (row := held.get(str(d.uuid))) and row["state"] == d.state
                      and row["sequence"] == last.get(d.pk))
    return {
        "created": created, "delivered": status.get(OutboxMessage.Status.DELIVERED, 0),
        "pending": status.get(OutboxMessage.Status.PENDING, 0), "dead": status.get(OutboxMessage.Status.DEAD, 0),
        "lag_p50": percentile(lags, 0.50), "lag_p95": percentile(lags, 0.95), "lag_max": max(lags) if lags else None,
        "lag_mean": statistics.fmean(lags) if lags else None,
        "npsp_applied": delta["applied"], "npsp_requests": delta["requests"], "npsp_rejected": delta["rejected"],
        "lost": max(0, created - delta["applied"]), "duplicates_applied": max(0, delta["applied"] - created),
        "duplicates_received": delta["duplicates"], "out_of_order": delta["out_of_order"],
        "npsp_state_matches": matches,
    }


def dossier_figures(dossiers: list[Dossier], *, arrival_seconds: float, total_seconds: float) -> dict:
    reached: dict[str, set] = defaultdict(set)
    events = 0
    for dossier_id, to_state in DossierEvent.objects.filter(dossier__in=dossiers).values_list("dossier_id",
                                                                                              "to_state"):
        reached[to_state].add(dossier_id)
        events += 1
    order = [s.value for s in Dossier.State]
    return {
        "created": len(dossiers),
        "submitted_or_filed": sum(1 for d in dossiers if d.state != Dossier.State.DRAFT),
        "per_second": len(dossiers) / arrival_seconds if arrival_seconds else 0.0,
        "events": events, "events_per_second": events / total_seconds if total_seconds else 0.0,
        "states_reached": {s: len(reached[s]) for s in order if reached.get(s)},
        "final_states": dict(sorted(Counter(d.state for d in dossiers).items(), key=lambda kv: order.index(kv[0]))),
        "online": sum(1 for d in dossiers if d.channel == Dossier.Channel.ONLINE),
        "counter": sum(1 for d in dossiers if d.channel == Dossier.Channel.COUNTER),
    }
