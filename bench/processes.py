"""The services the bench starts as real processes (the mock NPSP, a Celery worker and beat, gunicorn),
each on loopback, logging to var/bench/, stopped by their own process ids at the end."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Processes:
    def __init__(self, *, env: dict[str, str], logs: Path):
        self.env, self.logs = env, logs
        self.running: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen([sys.executable, *args], cwd=ROOT, env={**self.env, **(env or {})},
                                   stdout=log, stderr=subprocess.STDOUT)
        self.running.append((name, process))
        return process

    def pid(self, name: str) -> int:
        return next(process.pid for started, process in self.running if started == name)

    def log_text(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def wait_http(self, url: str, *, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                requests.get(url, timeout=5)
                return
            except (requests.ConnectionError, requests.Timeout):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} did not answer within {timeout} s") from None
                time.sleep(0.1)

    def wait_log(self, name: str, text: str, *, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.log_text(name):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not log {text!r} within {timeout} s:\n{self.log_text(name)[-2000:]}")
            time.sleep(0.1)

    def mock(self, *, port: int, db: Path) -> str:
        self.start("npsp-mock", "-m", "nationalportal.mock", "--port", str(port), "--db", str(db),
                   env={"NPSP_MOCK_LOG_LEVEL": "WARNING"})
        url = f"http://127.0.0.1:{port}"
        self.wait_http(f"{url}/health")
        return url

    def axis_mock(self, *, port: int, directory: Path) -> str:
        """The mock national document axis (axis/mock/), its external organs answering at once."""
        self.start("axis-mock", "-m", "axis.mock", "--port", str(port), "--dir", str(directory),
                   env={"AXIS_MOCK_LOG_LEVEL": "WARNING", "AXIS_MOCK_STATUS_DELAYS": "01=0,03=0,04=0,05=0,06=0"})
        url = f"http://127.0.0.1:{port}"
        self.wait_http(f"{url}/health", timeout=60)
        return url

    def worker(self, *, name: str = "celery-worker") -> None:
        self.start(name, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "-Q",
                   self.env["CELERY_QUEUE"], "--loglevel=INFO", "--without-gossip", "--without-mingle",
                   "--without-heartbeat", env={"DJANGO_SETTINGS_MODULE": "portal.settings"})
        self.wait_log(name, "ready.")

    def beat(self, *, name: str = "celery-beat", schedule: str = "beat-schedule",
             env: dict[str, str] | None = None) -> None:
        self.start(name, "-m", "celery", "-A", "portal", "beat", "--loglevel=INFO",
                   f"--schedule={self.logs / schedule}", env={"DJANGO_SETTINGS_MODULE": "portal.settings", **(env or {})})

    def gunicorn(self, *, port: int, workers: int, threads: int) -> str:
        self.start("gunicorn", "-m", "gunicorn", "portal.wsgi:application", "--bind", f"127.0.0.1:{port}",
                   "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
                   "--keep-alive", "30", "--log-level", "warning", env={"DJANGO_SETTINGS_MODULE": "bench.settings"})
        url = f"http://127.0.0.1:{port}"
        self.wait_http(f"{url}/bench/bare-lookup/?code=none")
        return url

    def stop(self) -> None:
        for _name, process in self.running:
            if process.poll() is None:
                process.terminate()
        for _name, process in self.running:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        self.running.clear()


def base_env(**extra: str) -> dict[str, str]:
    return {**os.environ, **extra}
