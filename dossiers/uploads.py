"""Checks on every file a dossier receives: its type by content (PDF, JPEG, PNG — never by the name's
extension), its size, the dossier's total, and a safe name. Stored under a random name through Django's
storage API; the original (sanitised) name is only shown and used for downloads."""

from __future__ import annotations

import hashlib
import io
import os
import uuid
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from dossiers.errors import DossierError
from portal.text import nfc

ACCEPTED = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
_MB = 1024 * 1024
_NAME_LIMIT = 120


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    name: str  # sanitised original name, for display and download
    content_type: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def storage_name(self) -> str:
        return f"{uuid.uuid4().hex}{ACCEPTED[self.content_type]}"


def file_limit_bytes() -> int:
    return settings.DOSSIER_FILE_MAX_MB * _MB


def dossier_limit_bytes() -> int:
    return settings.DOSSIER_TOTAL_MAX_MB * _MB


def safe_name(name: str, content_type: str) -> str:
    """The client's file name without any path, control characters or shell/HTML specials, NFC, at most
    120 characters, with the extension of its real type: "../../etc/pass wd.pdf" -> "pass_wd.pdf"."""
    base = os.path.basename(nfc(name or "").replace("\\", "/")).strip()
    stem = base.rsplit(".", 1)[0] if "." in base else base  # the real type gives the extension
    stem = "".join(ch for ch in stem if ch.isprintable())
    try:
        stem = get_valid_filename(stem)
    except SuspiciousFileOperation:  # nothing usable is left, e.g. "." or ".."
        stem = ""
    stem = stem.strip("._-")[: _NAME_LIMIT - 5] or "tep"
    return stem + ACCEPTED[content_type]


def check_upload(upload: UploadedFile, *, label: str) -> CheckedFile:
    """Read and check one upload. Raises DossierError naming the file and what is wrong with it."""
    name = os.path.basename(upload.name or "")
    if upload.size is not None and upload.size > file_limit_bytes():
        raise DossierError(_too_large(name, label), code="dossier.file_too_large")
    content = upload.read(file_limit_bytes() + 1)
    if len(content) > file_limit_bytes():
        raise DossierError(_too_large(name, label), code="dossier.file_too_large")
    if not content:
        raise DossierError(_("The file “%(name)s” for “%(label)s” is empty.") % {"name": name, "label": label},
                           code="dossier.file_empty")
    content_type = _sniff(content)
    if content_type is None:
        raise DossierError(
            _("The file “%(name)s” for “%(label)s” is not a PDF, JPEG or PNG file (its content was checked, "
              "not its name). Scan the paper again or save it as PDF.") % {"name": name, "label": label},
            code="dossier.file_type",
        )
    return CheckedFile(content=content, name=safe_name(name, content_type), content_type=content_type,
                       sha256=hashlib.sha256(content).hexdigest())


def check_total(*, existing_bytes: int, new_files: list[CheckedFile]) -> None:
    total = existing_bytes + sum(f.size for f in new_files)
    if total > dossier_limit_bytes():
        raise DossierError(
            _("The dossier's files would take %(size)s MB; at most %(limit)s MB are accepted per dossier.")
            % {"size": f"{total / _MB:.1f}", "limit": settings.DOSSIER_TOTAL_MAX_MB},
            code="dossier.too_large",
        )


def _too_large(name: str, label: str) -> str:
    return _("The file “%(name)s” for “%(label)s” is larger than %(limit)s MB.") % {
        "name": name, "label": label, "limit": settings.DOSSIER_FILE_MAX_MB}


def _sniff(content: bytes) -> str | None:
    kind = filetype.guess(content[:8192])
    mime = kind.mime if kind else None
    if mime == "application/pdf":
        return mime if b"%%EOF" in content[-2048:] else None
    if mime in ("image/jpeg", "image/png"):
        try:
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return None
        return mime
    return None
