"""The committed openapi.yaml must be exactly what the code generates, so the published contract never
drifts from the implementation."""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

SCHEMA = Path(settings.BASE_DIR) / "openapi.yaml"


def generate() -> str:
    # The published schema is in English (`make schema` passes --lang en), whatever the site default.
    out = StringIO()
    with translation.override("en"):
        call_command("spectacular", "--validate", "--lang", "en", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_committed_schema_matches_the_code():
    committed = SCHEMA.read_text(encoding="utf-8") if SCHEMA.exists() else ""
    assert generate() == committed, (
        "openapi.yaml is out of date with the API code: run `make schema` "
        "(manage.py spectacular --lang en --file openapi.yaml --validate) and commit the result."
    )


def test_schema_documents_the_public_catalogue():
    schema = generate()
    for path in ("/api/v1/procedures/:", "/api/v1/procedures/{code}/:", "/api/v1/fields/:", "/api/v1/centres/:",
                 "/api/v1/centres/{slug}/:", "/api/v1/hotlines/:"):
        assert f"\n  {path}\n" in schema, path
