"""The layers of DESIGN.md §3 hold (import-linter's contract in pyproject.toml, run by `make lint` in CI),
and the contract is not a formality: an upward import breaks it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).parent / "lint-imports"
APPS = ["portal", "outbox", "units", "accounts", "hotlines", "procedures", "signatures", "documents", "axis",
        "dossiers", "feedback", "payments", "notifications",
        "nationalportal", "reports", "demo", "simulation", "bench"]


def lint(cwd: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(cwd)}  # the copy's packages before the installed ones
    return subprocess.run([str(LINT)], cwd=cwd, env=environment, capture_output=True, text=True, timeout=300)


def test_the_layers_hold():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Apps import only the layers below them KEPT" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    with open(tmp_path / "procedures" / "rules.py", "a") as rules:
        rules.write("\nfrom dossiers import models as _dossiers  # noqa: E402,F401\n")
    result = lint(tmp_path)
    assert result.returncode != 0
    assert "procedures is not allowed to import dossiers" in result.stdout
    assert "procedures.rules -> dossiers.models" in result.stdout
