"""The demo catalogue's e-forms: common civil-status procedures carry a declaration with realistic
Vietnamese questions, and the seeded birth registrations carry answers and their printed declaration."""

import subprocess

import pytest

from dossiers.models import Dossier, DossierFile
from procedures.eforms import answers_clean
from procedures.models import ProcedureVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeded_for_module) -> str:
    """Every test here reads the demo as loaded: it is loaded once for the module (tests/demo/conftest.py)."""
    return seeded_for_module


def test_at_least_five_procedures_in_force_have_an_eform(seeded):
    versions = ProcedureVersion.objects.current().filter(form_fields__isnull=False).distinct()
    names = set(versions.values_list("name", flat=True))
    assert len(names) >= 5
    assert {"Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký khai tử", "Cấp Giấy xác nhận tình trạng hôn nhân",
            "Cấp bản sao Trích lục hộ tịch"} <= names
    birth = versions.get(procedure__code="1.001193")
    labels = [f.label for f in birth.form_fields.all()]
    assert "Quan hệ với người được khai sinh" in labels and "Dân tộc" in labels
    assert {f.section for f in birth.form_fields.all()} == {"Người được khai sinh", "Người mẹ", "Người cha",
                                                          "Người đi đăng ký"}
    assert birth.components.get(position=1).filled_by_form


def test_the_seeded_birth_registrations_carry_valid_answers_and_their_declaration(seeded):
    dossiers = Dossier.objects.filter(procedure_version__procedure__code="1.001193")
    assert dossiers.count() == 8
    for dossier in dossiers:
        definition = dossier.procedure_version.form_fields.all()
        assert answers_clean(definition, dossier.form_data) == dossier.form_data  # complete and normalised
        assert dossier.form_data["ho_ten_tre"]
    walk_in = dossiers.get(channel="counter")
    printed = walk_in.files.get(kind=DossierFile.Kind.DECLARATION)
    text = subprocess.run(["pdftotext", "-", "-"], input=printed.file.read(), capture_output=True,
                          check=True).stdout.decode()
    assert "Lê Hoàng Nam" in text and "Trần Thị Mai" in text
