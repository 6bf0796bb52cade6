import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal import env

ROOT = Path(__file__).resolve().parents[2]


def test_blank_values_keep_the_default(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "")
    monkeypatch.setenv("SOME_TEXT", "  ")
    assert env.env_bool("SOME_FLAG", True) is True
    assert env.env_str("SOME_TEXT", "fallback") == "fallback"


def test_a_malformed_boolean_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ValueError, match="SOME_FLAG"):
        env.env_bool("SOME_FLAG")


def test_a_malformed_number_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ValueError, match="SOME_NUMBER"):
        env.env_int("SOME_NUMBER", 1)


def _manage(*args: str, extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        extra_env={
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "k7#Qz!p2Vw9@Lr4$Tx8^Nc1&Hy6*Jb3(Fm5)Gd0-Sa+Ue_Ro=Ki",
            "DJANGO_ALLOWED_HOSTS": "motcua.example.gov.vn",
            "SIGNATURES_CA_PASSPHRASE": "a long passphrase for the CA keys",
            "SIGNATURES_TOKEN_PEPPER": "a long pepper for the officials' PINs",
            "NPSP_SECRET": "the secret the NPSP issued to the province",
            "PAYMENT_SECRET": "the secret the payment platform issued",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


PRODUCTION = {"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "k7#Qz!p2Vw9@Lr4$Tx8^Nc1&Hy6*Jb3(Fm5)Gd0-Sa+Ue_Ro=Ki",
              "DJANGO_ALLOWED_HOSTS": "motcua.example.gov.vn"}


def test_the_deploy_check_flags_a_missing_npsp_secret_and_weak_passphrases():
    result = _manage("check", "--deploy", extra_env={
        **PRODUCTION, "SIGNATURES_CA_PASSPHRASE": "short-one", "SIGNATURES_TOKEN_PEPPER": "dev-only-token-pepper"})
    output = result.stdout + result.stderr
    assert "nationalportal.W001" in output and "NPSP_SECRET is not set" in output
    assert "signatures.W003" in output and "SIGNATURES_CA_PASSPHRASE is shorter than 16 characters" in output
    assert "signatures.W004" in output  # the development pepper, although long enough
    assert "signatures.W001" not in output and "signatures.W002" not in output
    result = _manage("check", "--deploy", extra_env={**PRODUCTION, "NPSP_SECRET": "dev-npsp-secret"})
    assert "nationalportal.W002" in result.stdout + result.stderr


def test_the_deploy_check_asks_for_the_signing_secrets():
    result = _manage("check", "--deploy", extra_env={
        "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "k7#Qz!p2Vw9@Lr4$Tx8^Nc1&Hy6*Jb3(Fm5)Gd0-Sa+Ue_Ro=Ki",
        "DJANGO_ALLOWED_HOSTS": "motcua.example.gov.vn"})
    assert "signatures.W001" in result.stderr + result.stdout and "SIGNATURES_TOKEN_PEPPER" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", extra_env={"DJANGO_DEBUG": "false"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
