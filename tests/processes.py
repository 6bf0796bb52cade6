"""Real Celery processes for the tests that need them (the NPSP sync, the national document axis): workers
and beat on a queue of the test's own, talking to the test database and a Redis. Each test adds the settings
of the outside services it talks to (``environment``: the mock NPSP's, the mock axis's), as the worker
would read them in production."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Celery:
    """Start and stop workers and beat for one test; everything is stopped at the end. Their files go to
    ``tmp_path / "media"``: the test points MEDIA_ROOT there too, so both sides read the same files."""

    def __init__(self, *, redis_url: str, tmp_path: Path, environment: dict[str, str]):
        self.queue = f"test-sync-{uuid.uuid4().hex[:8]}"
        self.tmp_path = tmp_path
        self.media_root = tmp_path / "media"
        self.env = {
            **os.environ, "DATABASE_URL": database_url(), "REDIS_URL": redis_url, "CELERY_QUEUE": self.queue,
            "DJANGO_SETTINGS_MODULE": "portal.settings", "MEDIA_ROOT": str(self.media_root), **environment,
        }
        self.processes: list[subprocess.Popen] = []

    def _start(self, *args: str) -> subprocess.Popen:
        log = open(self.tmp_path / f"celery-{len(self.processes)}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen([sys.executable, "-m", "celery", "-A", "portal", *args], cwd=ROOT, env=self.env,
                                   stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def worker(self) -> subprocess.Popen:
        return self._start("worker", "--pool=solo", "-Q", self.queue, "--loglevel=INFO", "--without-gossip",
                           "--without-mingle", "--without-heartbeat")

    def beat(self) -> subprocess.Popen:
        return self._start("beat", "--loglevel=INFO", f"--schedule={self.tmp_path / 'beat-schedule'}")

    @staticmethod
    def kill(process: subprocess.Popen) -> None:
        process.send_signal(signal.SIGKILL)
        process.wait(10)

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-2000:] for p in sorted(self.tmp_path.glob("celery-*.log")))

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_until(condition, *, timeout: float, message: str | Callable[[], str] = "", interval: float = 0.2):
    """``condition()``'s first true value; ``message`` may be a callable, to say what things are like at the end."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s {message() if callable(message) else message}")


def mock_service(module: str, *, port: int, args: list[str], environment: dict[str, str], name: str):
    """Start ``python -m module --port port *args`` (a mock outside party) and wait for its /health; the
    process and its address. Stop it with ``process.terminate()``."""
    import requests

    process = subprocess.Popen([sys.executable, "-m", module, "--port", str(port), *args], cwd=ROOT,
                               env={**os.environ, **environment})
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(f"{url}/health", timeout=0.5)
            return process, url
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{name} did not start")
