"""docker-compose.yml describes the production-like stack and is valid for docker-compose."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"


def _compose(*args: str) -> subprocess.CompletedProcess:
    binary = shutil.which("docker-compose")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("docker-compose is missing: scripts/system-deps.sh installs it")
        pytest.skip("docker-compose is not installed (apt-get install docker-compose)")
    return subprocess.run([binary, "-f", str(COMPOSE), *args], capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_the_compose_file_is_valid():
    result = _compose("config", "-q")
    assert result.returncode == 0, result.stderr


def test_the_stack_has_web_worker_beat_postgres_and_redis():
    result = _compose("config")
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    services = config["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis", "npsp-mock", "axis-mock", "idp-mock",
                             "payment-mock", "sms-mock", "zalo-mock"}
    assert _words(services["npsp-mock"]["command"])[:3] == ["python", "-m", "nationalportal.mock"]
    assert _words(services["axis-mock"]["command"])[:3] == ["python", "-m", "axis.mock"]
    assert _words(services["idp-mock"]["command"])[:3] == ["python", "-m", "accounts.mock"]
    assert _words(services["payment-mock"]["command"])[:3] == ["python", "-m", "payments.mock"]
    assert _words(services["sms-mock"]["command"])[:3] == ["python", "-m", "notifications.mock.sms"]
    assert _words(services["zalo-mock"]["command"])[:3] == ["python", "-m", "notifications.mock.zalo"]
    assert services["db"]["image"] == "postgres:16" and services["redis"]["image"] == "redis:7"
    assert "gunicorn portal.wsgi:application" in " ".join(_words(services["web"]["command"]))
    assert _words(services["worker"]["command"])[:4] == ["celery", "-A", "portal", "worker"]
    assert _words(services["beat"]["command"])[:4] == ["celery", "-A", "portal", "beat"]
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert environment["DJANGO_DEBUG"] == "false"
        assert environment["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in environment["DATABASE_URL"]
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        assert environment["NPSP_URL"] == "http://npsp-mock:8001"
        assert environment["AXIS_URL"] == "http://axis-mock:8002"
        assert environment["SMS_URL"] == "http://sms-mock:8005" and environment["ZALO_URL"] == "http://zalo-mock:8006"
        assert environment["PAYMENT_URL"] == "http://payment-mock:8004"
        assert environment["AXIS_TRUST_ANCHORS"] == "/axis/ca.pem"
        assert _volume("axisdata", "/axis", services[name]) == "ro"  # the mock's CA, read-only
        assert services[name]["build"]
    assert services["axis-mock"]["environment"]["AXIS_MOCK_DEMO"] == "true"  # the demo's arrival
    assert {"pgdata", "redisdata", "media", "npspdata", "axisdata", "paymentdata"} <= set(config["volumes"])


def test_the_image_installs_the_project_on_python_3_11():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.splitlines()[1] == "FROM python:3.11-slim"
    assert "RUN pip install .\n" in dockerfile


def _volume(source: str, target: str, service: dict) -> str | None:
    """The mode ("ro", "rw") of a volume mount, in the short syntax or the long one."""
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            parts = volume.split(":")
            if parts[:2] == [source, target]:
                return parts[2] if len(parts) > 2 else "rw"
        elif volume.get("source") == source and volume.get("target") == target:
            return "ro" if volume.get("read_only") else "rw"
    return None


def _words(command) -> list[str]:
    return command if isinstance(command, list) else command.split()
