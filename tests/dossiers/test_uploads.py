"""Files are accepted by their content, within the size limits, under safe names; a rejected file says
precisely what is wrong and leaves the dossier as it was."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from dossiers.errors import DossierError
from dossiers.models import Dossier, DossierFile
from dossiers.services import dossier_draft_save
from dossiers.uploads import safe_name
from tests.dossiers.factories import pdf_bytes, pdf_upload, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The messages are asserted in their English source form (the Vietnamese ones are in the catalogue)."""
    with translation.override("en"):
        yield


def save(world, uploads, dossier=None, **applicant):
    return dossier_draft_save(citizen=world.citizen, version=world.version, centre=world.centre,
                              applicant=world.applicant(**applicant), uploads=uploads, dossier=dossier)


def test_pdf_jpeg_and_png_are_accepted_by_content(world):
    first, second, third = world.components
    jpeg = SimpleUploadedFile("anh.jpg", _jpeg(), content_type="image/jpeg")
    png = SimpleUploadedFile("scan", png_bytes(), content_type="application/octet-stream")  # no extension
    dossier = save(world, {first.pk: pdf_upload(), second.pk: jpeg, third.pk: png})
    stored = {f.component_id: (f.original_name, f.content_type) for f in dossier.files.all()}
    assert stored == {first.pk: ("giay-chung-sinh.pdf", "application/pdf"),
                      second.pk: ("anh.jpg", "image/jpeg"), third.pk: ("scan.png", "image/png")}
    for row in dossier.files.all():
        assert not row.file.name.endswith(row.original_name)  # stored under a random name


def test_a_program_disguised_as_a_pdf_is_refused_and_nothing_is_saved(world, _media):
    first, second, _third = world.components
    fake = SimpleUploadedFile("to-khai.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")
    with pytest.raises(DossierError) as error:
        save(world, {first.pk: pdf_upload(), second.pk: fake})
    assert error.value.code == "dossier.bad_files"
    message = error.value.extra["errors"][f"component_{second.pk}"][0]
    assert "to-khai.pdf" in message and "PDF, JPEG or PNG" in message
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()
    assert not _media.exists() or not any(p.is_file() for p in _media.rglob("*"))


def test_html_renamed_to_png_and_a_truncated_image_are_refused(world):
    first, second, _third = world.components
    html = SimpleUploadedFile("anh.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
    truncated = SimpleUploadedFile("anh2.png", png_bytes()[:40], content_type="image/png")
    with pytest.raises(DossierError) as error:
        save(world, {first.pk: html, second.pk: truncated})
    assert set(error.value.extra["errors"]) == {f"component_{first.pk}", f"component_{second.pk}"}


def test_an_oversized_file_is_refused_with_the_limit(world, settings):
    settings.DOSSIER_FILE_MAX_MB = 1
    first = world.components[0]
    big = pdf_bytes()[:-6] + b" " * (1024 * 1024) + b"%%EOF\n"
    with pytest.raises(DossierError) as error:
        save(world, {first.pk: SimpleUploadedFile("lon.pdf", big, content_type="application/pdf")})
    assert "larger than 1 MB" in error.value.extra["errors"][f"component_{first.pk}"][0]


def test_the_dossier_total_is_limited(world, settings):
    settings.DOSSIER_TOTAL_MAX_MB = 1
    half = pdf_bytes()[:-6] + b" " * (600 * 1024) + b"%%EOF\n"
    first, second, _third = world.components
    dossier = save(world, {first.pk: SimpleUploadedFile("a.pdf", half)})
    with pytest.raises(DossierError) as error:
        save(world, {second.pk: SimpleUploadedFile("b.pdf", half)}, dossier=dossier)
    assert error.value.code == "dossier.too_large"
    assert dossier.files.count() == 1
    # Replacing the same component's file does not count the old one.
    save(world, {first.pk: SimpleUploadedFile("a2.pdf", half)}, dossier=dossier)
    assert dossier.files.filter(is_current=True).count() == 1


def test_a_bad_applicant_field_loses_nothing_already_saved(world):
    first = world.components[0]
    dossier = save(world, {first.pk: pdf_upload()})
    with pytest.raises(DossierError) as error:
        save(world, {}, dossier=dossier, cccd="123", phone="12")
    assert set(error.value.extra["errors"]) == {"applicant_cccd", "applicant_phone"}
    dossier.refresh_from_db()
    assert dossier.applicant_cccd == "022090012345" and dossier.files.count() == 1


@pytest.mark.parametrize(("given", "expected"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\an\\Giấy khai sinh.pdf", "Giấy_khai_sinh.pdf"),
    ("<img src=x onerror=alert(1)>.pdf", "img_srcx_onerroralert1.pdf"),
    ("....pdf", "tep.pdf"),
    ("ảnh\x00\x1b[31m.exe", "ảnh31m.pdf"),
    ("a" * 300 + ".pdf", "a" * 115 + ".pdf"),
    ("hồ sơ.tar.exe", "hồ_sơ.tar.pdf"),
])
def test_hostile_filenames_are_made_safe(given, expected):
    assert safe_name(given, "application/pdf") == expected


def _jpeg() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(buffer, format="JPEG")
    return buffer.getvalue()
