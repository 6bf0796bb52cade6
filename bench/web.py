"""Web figures, over HTTP to one gunicorn serving bench.settings (the product's URLs plus the baseline):
the public lookup's throughput under 16 connections (wrk, or a bounded Python client when wrk is not
installed: the same tool drives both sides), and the officer worklist's latency, one request at a time."""

from __future__ import annotations

import random
import re
import shutil
import statistics
import subprocess
import threading
import time
from pathlib import Path

import requests
from django.test import Client

from accounts.models import User
from dossiers.models import Dossier

LOOKUP = "/api/v1/dossiers/lookup/?code="
BARE = "/bench/bare-lookup/?code="
WORKLIST = "/dossiers/work/"

WRK_SCRIPT = """
local codes = {}
local prefix = ""
init = function(args)
  for line in io.lines(args[1]) do codes[#codes + 1] = line end
  prefix = args[2]
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
request = function()
  return wrk.format("GET", prefix .. codes[math.random(#codes)])
end
"""


def sample_codes(path: Path, *, count: int, top_id: int) -> int:
    """Write ``count`` existing codes, picked at random over the whole table, one a line."""
    rng = random.Random(2025)
    ids = rng.sample(range(1, top_id + 1), min(top_id, count * 2))
    codes = list(Dossier.objects.filter(pk__in=ids, code__isnull=False).values_list("code", flat=True)[:count])
    path.write_text("\n".join(codes) + "\n")
    return len(codes)


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client.cookies["sessionid"].value


def worklist_latency(url: str, *, cookie: str, requests_count: int, warmup: int, max_seconds: float) -> dict:
    """Median and p95 of the officer's first page, one keep-alive request after another."""
    session = requests.Session()
    session.cookies.set("sessionid", cookie)
    timings, started = [], time.monotonic()
    for index in range(warmup + requests_count):
        if time.monotonic() - started > max_seconds:
            break
        sent = time.perf_counter()
        response = session.get(url + WORKLIST, timeout=10)
        elapsed = time.perf_counter() - sent
        if response.status_code != 200:
            raise RuntimeError(f"the worklist answered {response.status_code}")
        if index == 0:
            rows = response.text.count('<td class="name">')
            count = re.search(r'class="result-count"[^>]*>\s*(\d[\d.,]*)', response.text)
        if index >= warmup:
            timings.append(elapsed)
    ordered = sorted(timings)
    return {"requests": len(timings), "median_ms": statistics.median(timings) * 1000,
            "p95_ms": ordered[round(0.95 * (len(ordered) - 1))] * 1000, "rows_on_page": rows,
            "steps_listed": count.group(1) if count else "?"}


def throughput(url: str, prefix: str, codes: Path, *, connections: int, seconds: int, workdir: Path) -> dict:
    if shutil.which("wrk"):
        return _wrk(url, prefix, codes, connections=connections, seconds=seconds, workdir=workdir)
    return _python_load(url, prefix, codes, connections=connections, seconds=seconds)


def _wrk(url, prefix, codes, *, connections, seconds, workdir) -> dict:
    script = workdir / "lookup.lua"
    script.write_text(WRK_SCRIPT)
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), url, "--",
         str(codes), prefix], capture_output=True, text=True, timeout=seconds + 30, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s*([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    return {"tool": "wrk", "requests_per_s": rps, "non_2xx": int(errors.group(1)) if errors else 0,
            "p50_ms": _ms(*p50.groups()) if p50 else float("nan")}


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _python_load(url, prefix, codes, *, connections, seconds) -> dict:
    """Fallback load generator: ``connections`` threads, each one keep-alive session, for ``seconds``."""
    lines = codes.read_text().split()
    stop_at = time.monotonic() + seconds
    counts, errors = [0] * connections, [0] * connections

    def run(slot: int) -> None:
        session, rng = requests.Session(), random.Random(slot)
        while time.monotonic() < stop_at:
            response = session.get(url + prefix + rng.choice(lines), timeout=10)
            counts[slot] += 1
            errors[slot] += response.status_code >= 300

    threads = [threading.Thread(target=run, args=(slot,)) for slot in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 15)
    return {"tool": "python", "requests_per_s": sum(counts) / (time.monotonic() - started),
            "non_2xx": sum(errors), "p50_ms": float("nan")}
