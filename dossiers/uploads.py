"""Checks on every file a dossier receives: the portal's checks of type, size, pixels and active PDF
content (portal.uploads), with the dossier's error codes, and the dossier's total."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from dossiers.errors import DossierError, DossierErrorCode
from portal import uploads
from portal.uploads import ACCEPTED, CheckedFile, Problem, file_limit_bytes, safe_name

__all__ = ["ACCEPTED", "CheckedFile", "check_total", "check_upload", "dossier_limit_bytes", "file_limit_bytes",
           "safe_name"]

_MB = 1024 * 1024
CODES = {
    Problem.EMPTY: DossierErrorCode.FILE_EMPTY,
    Problem.TOO_LARGE: DossierErrorCode.FILE_TOO_LARGE,
    Problem.TYPE: DossierErrorCode.FILE_TYPE,
    Problem.IMAGE_TOO_LARGE: DossierErrorCode.IMAGE_TOO_LARGE,
    Problem.PDF_ACTIVE_CONTENT: DossierErrorCode.PDF_ACTIVE_CONTENT,
}


def dossier_limit_bytes() -> int:
    return settings.DOSSIER_TOTAL_MAX_MB * _MB


def check_upload(upload: UploadedFile, *, label: str) -> CheckedFile:
    """Read and check one upload. Raises DossierError naming the file and what is wrong with it."""
    try:
        return uploads.check_upload(upload, label=label)
    except uploads.Refusal as refusal:
        raise DossierError(refusal.message, code=CODES[refusal.problem]) from None


def check_total(*, existing_bytes: int, new_files: list[CheckedFile]) -> None:
    total = existing_bytes + sum(f.size for f in new_files)
    if total > dossier_limit_bytes():
        raise DossierError(
            _("The dossier's files would take %(size)s MB; at most %(limit)s MB are accepted per dossier.")
            % {"size": f"{total / _MB:.1f}", "limit": settings.DOSSIER_TOTAL_MAX_MB},
            code=DossierErrorCode.TOO_LARGE,
        )
