"""The national identity's settings in production: off unless the portal is registered with the provider, and
the deploy check flags a development secret or a provider reached without verified TLS."""

from tests.portal.test_settings import PRODUCTION, _manage

SIGNING = {"SIGNATURES_CA_PASSPHRASE": "a long passphrase for the CA keys",
           "SIGNATURES_TOKEN_PEPPER": "a long pepper for the officials' PINs",
           "NPSP_SECRET": "the secret the NPSP issued to the province"}


def test_off_in_production_without_a_registration_and_nothing_to_flag():
    result = _manage("check", "--deploy", extra_env={**PRODUCTION, **SIGNING})
    assert "accounts.W10" not in result.stdout + result.stderr


def test_enabled_with_the_development_secret_over_http_is_flagged():
    result = _manage("check", "--deploy", extra_env={**PRODUCTION, **SIGNING, "OIDC_ENABLED": "true",
                                                     "OIDC_RP_CLIENT_SECRET": "dev-oidc-secret"})
    output = result.stdout + result.stderr
    assert "accounts.W101" in output and "accounts.W102" in output


def test_a_real_registration_over_https_passes():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", extra_env={
        **PRODUCTION, **SIGNING, "OIDC_RP_CLIENT_SECRET": "the secret the provider issued",
        "OIDC_OP_URL": "https://vneid.example.gov.vn"})
    assert result.returncode == 0, result.stdout + result.stderr
