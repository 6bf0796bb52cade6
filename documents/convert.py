"""A Word draft (.docx) turned into PDF by LibreOffice, headless: the way most officials write.

The file is hostile until checked: it must be a zip archive of sane size holding a Word document, and it
may not inflate far beyond its own size (a zip bomb) before LibreOffice sees it. LibreOffice then runs in a
temporary directory with a profile of its own (two conversions at once do not share one), without network
or macros, and is stopped (its whole process group) when it takes too long."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from documents.errors import DocumentError, DocumentErrorCode

# No real Word file inflates more than this many times its zipped size (text compresses about tenfold).
MAX_INFLATION = 40
MAX_ENTRIES = 2000
MAX_INFLATED_BYTES = 200 * 1024 * 1024


def looks_like_docx(content: bytes) -> bool:
    """A zip archive (Word's .docx is one); what it holds is checked by ``docx_to_pdf``."""
    return content[:4] == b"PK\x03\x04"


def docx_to_pdf(content: bytes, *, name: str, field: str = "file") -> bytes:
    """The PDF of a .docx; DocumentError (naming the file) when it is no Word document, too large once
    unpacked, or LibreOffice cannot convert it or is not installed."""
    _check_archive(content, name=name, field=field)
    soffice = shutil.which(settings.DOCUMENTS_SOFFICE) if settings.DOCUMENTS_SOFFICE else None
    if soffice is None:
        message = _("Word files cannot be converted on this server (LibreOffice is not installed). Save the draft "
                    "as PDF in Word (File › Save as › PDF) and upload that file.")
        raise DocumentError(message, code=DocumentErrorCode.CONVERTER_MISSING, extra={"errors": {field: [message]}})
    with tempfile.TemporaryDirectory(prefix="congmotcua-docx-") as work:
        folder = Path(work)
        source = folder / "du-thao.docx"
        source.write_bytes(content)
        command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--nodefault", "--nologo", "--convert-to", "pdf:writer_pdf_Export",
                   "--outdir", str(folder / "out"), str(source)]
        finished = _run(command, timeout=settings.DOCUMENTS_CONVERT_TIMEOUT, cwd=folder)
        target = folder / "out" / "du-thao.pdf"
        if not finished or not target.is_file() or target.stat().st_size == 0:
            message = (_("The Word file “%(name)s” could not be converted to PDF in time. Save it as PDF in Word and "
                         "upload that file.") if not finished else
                       _("The Word file “%(name)s” could not be converted to PDF. Save it as PDF in Word and upload "
                         "that file.")) % {"name": name}
            raise DocumentError(message, code=DocumentErrorCode.CONVERSION_FAILED,
                                extra={"errors": {field: [message]}})
        return target.read_bytes()


def _check_archive(content: bytes, *, name: str, field: str) -> None:
    def refuse(message: str) -> DocumentError:
        return DocumentError(message, code=DocumentErrorCode.DOCX_INVALID, extra={"errors": {field: [message]}})

    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise refuse(_("The file “%(name)s” is not a Word document (.docx) that can be read. Save it again in Word, "
                       "or as PDF.") % {"name": name}) from None
    names = {entry.filename for entry in entries}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise refuse(_("The file “%(name)s” is not a Word document (.docx). Upload the draft as .docx or PDF.")
                     % {"name": name})
    inflated = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or inflated > min(MAX_INFLATED_BYTES, max(len(content), 1) * MAX_INFLATION):
        raise refuse(_("The file “%(name)s” unpacks to far more than its size, which no real Word document does; it "
                       "was refused. Save the draft as PDF and upload that file.") % {"name": name})


def _run(command: list[str], *, timeout: float, cwd: Path) -> bool:
    """Run LibreOffice in a process group of its own; False when it had to be stopped after ``timeout``."""
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd), "LANG": "C.UTF-8",
                   "TMPDIR": str(cwd)}
    process = subprocess.Popen(command, cwd=cwd, env=environment, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return False
    return True
