"""The files of official documents: PDF only (a scanned paper document is scanned to PDF), with the portal's
checks of size and active content (portal.uploads) and the documents' error codes."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from documents.errors import DocumentError, DocumentErrorCode
from portal import uploads
from portal.uploads import PDF_ONLY, CheckedFile, Problem

CODES = {
    Problem.EMPTY: DocumentErrorCode.FILE_EMPTY,
    Problem.TOO_LARGE: DocumentErrorCode.FILE_TOO_LARGE,
    Problem.TYPE: DocumentErrorCode.FILE_TYPE,
    Problem.IMAGE_TOO_LARGE: DocumentErrorCode.FILE_TYPE,
    Problem.PDF_ACTIVE_CONTENT: DocumentErrorCode.PDF_ACTIVE_CONTENT,
}


def check_pdf(upload: UploadedFile, *, label: str, field: str = "file") -> CheckedFile:
    """Read and check one uploaded PDF; DocumentError names the file, what is wrong, and the form field."""
    try:
        return uploads.check_upload(upload, label=label, accepted=PDF_ONLY)
    except uploads.Refusal as refusal:
        raise DocumentError(refusal.message, code=CODES[refusal.problem],
                            extra={"errors": {field: [refusal.message]}}) from None


def check_pdf_content(content: bytes, *, name: str, label: str, field: str = "file") -> CheckedFile:
    """``check_pdf`` for bytes at hand (a Word draft converted to PDF)."""
    try:
        return uploads.check_content(content, name=name, label=label, accepted=PDF_ONLY)
    except uploads.Refusal as refusal:
        raise DocumentError(refusal.message, code=CODES[refusal.problem],
                            extra={"errors": {field: [refusal.message]}}) from None
