"""Checks on every file the portal receives — a dossier's, an official document's: its type by content
(PDF, JPEG, PNG — never by the name's extension), its size, and a safe name; images within a pixel limit
(a small PNG can claim 40,000 × 40,000 pixels, a decompression bomb for whatever opens it), PDFs without
anything that runs or hides files (portal.pdfcheck). Each app turns a ``Refusal`` into its own error
(dossiers.uploads, documents.uploads), so its API keeps its codes. Stored under a random name through
Django's storage API; the original (sanitised) name is only shown and used for downloads."""

from __future__ import annotations

import hashlib
import io
import os
import uuid
from dataclasses import dataclass
from enum import StrEnum

import filetype
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from portal import pdfcheck
from portal.text import nfc

ACCEPTED = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
PDF_ONLY = frozenset({"application/pdf"})
_MB = 1024 * 1024
_NAME_LIMIT = 120


class Problem(StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    TYPE = "type"
    IMAGE_TOO_LARGE = "image_too_large"
    PDF_ACTIVE_CONTENT = "pdf_active_content"


class Refusal(Exception):
    """A file the portal does not take: ``message`` says which file and what to do."""

    def __init__(self, message: str, problem: Problem):
        super().__init__(message)
        self.message, self.problem = message, problem


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


def check_upload(upload: UploadedFile, *, label: str, accepted: frozenset[str] = frozenset(ACCEPTED)) -> CheckedFile:
    """Read and check one upload. Raises Refusal naming the file and what is wrong with it."""
    name = os.path.basename(upload.name or "")
    if upload.size is not None and upload.size > file_limit_bytes():
        raise Refusal(_too_large(name, label), Problem.TOO_LARGE)
    content = upload.read(file_limit_bytes() + 1)
    if len(content) > file_limit_bytes():
        raise Refusal(_too_large(name, label), Problem.TOO_LARGE)
    return check_content(content, name=name, label=label, accepted=accepted)


def check_content(content: bytes, *, name: str, label: str,
                  accepted: frozenset[str] = frozenset(ACCEPTED)) -> CheckedFile:
    """The checks of ``check_upload`` on bytes already read (at most the size limit)."""
    name = os.path.basename(name or "")
    if not content:
        raise Refusal(_("The file “%(name)s” for “%(label)s” is empty.") % {"name": name, "label": label},
                      Problem.EMPTY)
    content_type = _sniff(content, name=name, label=label)
    if content_type is None or content_type not in accepted:
        if accepted == PDF_ONLY:
            message = _("The file “%(name)s” for “%(label)s” is not a PDF file (its content was checked, not its "
                        "name). Save or scan it as PDF.") % {"name": name, "label": label}
        else:
            message = _("The file “%(name)s” for “%(label)s” is not a PDF, JPEG or PNG file (its content was "
                        "checked, not its name). Scan the paper again or save it as PDF.") % {"name": name,
                                                                                              "label": label}
        raise Refusal(message, Problem.TYPE)
    return CheckedFile(content=content, name=safe_name(name, content_type), content_type=content_type,
                       sha256=hashlib.sha256(content).hexdigest())


def _too_large(name: str, label: str) -> str:
    return _("The file “%(name)s” for “%(label)s” is larger than %(limit)s MB.") % {
        "name": name, "label": label, "limit": settings.DOSSIER_FILE_MAX_MB}


def image_limit_pixels() -> int:
    return settings.DOSSIER_IMAGE_MAX_MEGAPIXELS * 1_000_000


def _sniff(content: bytes, *, name: str, label: str) -> str | None:
    """The accepted type of the content, or None; raises Refusal for an accepted type whose content is
    refused (too many pixels, active PDF content)."""
    kind = filetype.guess(content[:8192])
    mime = kind.mime if kind else None
    if mime == "application/pdf":
        if b"%%EOF" not in content[-2048:]:
            return None
        _check_pdf(content, name=name, label=label)
        return mime
    if mime in ("image/jpeg", "image/png"):
        try:
            with Image.open(io.BytesIO(content)) as image:
                # The header's size, before any pixel is decoded.
                width, height = image.size
                if width * height > image_limit_pixels():
                    raise _too_many_pixels(name, label, width, height)
                image.verify()
        except Image.DecompressionBombError:  # past Pillow's own ceiling, should ours ever be set above it
            raise _too_many_pixels(name, label, 0, 0) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return None
        return mime
    return None


def _too_many_pixels(name: str, label: str, width: int, height: int) -> Refusal:
    size = _("%(width)s × %(height)s pixels") % {"width": width, "height": height} if width else ""
    return Refusal(
        _("The image “%(name)s” for “%(label)s” is too large%(size)s: at most %(limit)s megapixels are accepted. "
          "Scan the paper at 300 dpi, or save it as PDF.")
        % {"name": name, "label": label, "size": f" ({size})" if size else "",
           "limit": settings.DOSSIER_IMAGE_MAX_MEGAPIXELS},
        Problem.IMAGE_TOO_LARGE,
    )


def _check_pdf(content: bytes, *, name: str, label: str) -> None:
    finding = pdfcheck.active_content(content)
    if finding is None:
        return
    if finding == pdfcheck.UNREADABLE:
        raise Refusal(
            _("The file “%(name)s” for “%(label)s” is a damaged PDF that could not be read. Save or scan it "
              "again as PDF.") % {"name": name, "label": label}, Problem.TYPE)
    raise Refusal(
        _("The file “%(name)s” for “%(label)s” contains %(what)s, which the portal does not accept in a PDF. "
          "Print it to a new PDF (“Save as PDF”) or scan the paper, and attach that file.")
        % {"name": name, "label": label, "what": pdfcheck.describe(finding)},
        Problem.PDF_ACTIVE_CONTENT,
    )
