"""The text of a document's PDF, for full-text search: what pypdf extracts from its pages (a scan without a
text layer gives none), normalised to NFC, cut at a bound so one huge file cannot swell the index."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from portal.text import nfc

logger = logging.getLogger(__name__)
MAX_PAGES = 200
MAX_CHARS = 200_000


def pdf_text(content: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        parts, size = [], 0
        for page in reader.pages[:MAX_PAGES]:
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
            if size >= MAX_CHARS:
                break
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        logger.warning("Could not extract the text of a document's PDF", exc_info=True)
        return ""
    return nfc("\n".join(parts).replace("\x00", ""))[:MAX_CHARS]
