"""What an uploaded PDF may not carry: anything a PDF reader runs (JavaScript, launch or import actions,
XFA forms, rich media) or files hidden inside it (embedded files, file attachments). Officials open these
files; a dossier paper or a result is text and images, and nothing else is accepted.

The file is read with pypdf (never by searching its bytes, which compression and object streams hide), and
every object reachable from its trailer is looked at, up to a bound that no real scan or result comes near."""

from __future__ import annotations

import io
import logging
import zlib

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

logger = logging.getLogger(__name__)

UNREADABLE = "unreadable"
JAVASCRIPT = "javascript"
EMBEDDED_FILES = "embedded_files"
ACTIONS = "actions"
# More objects than any scanned paper or generated result holds; a file past it is refused as unreadable.
MAX_OBJECTS = 200_000
# What pypdf raises on a damaged or hostile file, besides its own errors.
_PARSE_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
                 OSError, zlib.error, AssertionError)

# Keys whose presence means script, and dictionary values (key, value) that mean script, files or actions.
_SCRIPT_KEYS = {"/JS", "/JavaScript", "/XFA"}
_FILE_KEYS = {"/EmbeddedFiles", "/EF"}
_FLAGGED = {
    ("/S", "/JavaScript"): JAVASCRIPT, ("/S", "/Rendition"): JAVASCRIPT,
    ("/S", "/Launch"): ACTIONS, ("/S", "/ImportData"): ACTIONS, ("/S", "/SubmitForm"): ACTIONS,
    ("/S", "/RichMediaExecute"): ACTIONS, ("/Subtype", "/RichMedia"): ACTIONS, ("/Subtype", "/Movie"): ACTIONS,
    ("/Subtype", "/FileAttachment"): EMBEDDED_FILES, ("/Type", "/EmbeddedFile"): EMBEDDED_FILES,
    ("/Type", "/Filespec"): EMBEDDED_FILES,
}


def describe(finding: str) -> str:
    return {JAVASCRIPT: _("JavaScript"), EMBEDDED_FILES: _("embedded files"),
            ACTIONS: _("actions that open programs, forms or media")}.get(finding, _("active content"))


def active_content(content: bytes) -> str | None:
    """JAVASCRIPT, EMBEDDED_FILES, ACTIONS, UNREADABLE, or None for a plain PDF."""
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            return UNREADABLE  # nothing in it can be checked
        return _walk(reader.trailer)
    except _PARSE_ERRORS as error:
        logger.info("PDF refused as unreadable: %s", error.__class__.__name__)
        return UNREADABLE


def _walk(root) -> str | None:
    """Depth-first over every dictionary and array reachable from ``root``; the first finding."""
    seen: set[tuple[int, int]] = set()
    queue = [root]
    visited = 0
    while queue:
        value = queue.pop()
        if isinstance(value, IndirectObject):
            key = (value.idnum, value.generation)
            if key in seen:
                continue
            seen.add(key)
            value = value.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            return UNREADABLE
        if isinstance(value, DictionaryObject):  # streams too: their dictionary, never their data
            finding = _finding(value)
            if finding:
                return finding
            queue.extend(v for k, v in value.items() if k != "/Parent")
        elif isinstance(value, ArrayObject):
            queue.extend(value)
    return None


def _finding(dictionary: DictionaryObject) -> str | None:
    for key, value in dictionary.items():
        if key in _SCRIPT_KEYS:
            return JAVASCRIPT
        if key in _FILE_KEYS:
            return EMBEDDED_FILES
        if isinstance(value, NameObject):
            finding = _FLAGGED.get((key, str(value)))
            if finding:
                return finding
    return None
