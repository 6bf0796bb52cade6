"""The TrueType faces of the PDFs the portal writes (the slips, the generated result, the visible stamp
of a signature): a serif covering Vietnamese, as Decree 30/2020/NĐ-CP asks of administrative documents
(Times New Roman; Liberation Serif has its metrics). The four faces are settings, by default those of
the Debian package fonts-liberation2 that scripts/system-deps.sh and the Dockerfile install.

On a machine without them the PDFs are still written, in Roboto (the font-roboto package, which also
covers Vietnamese), and a warning says which file is missing: a slip in a sans-serif face is better
than no slip at the counter."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Faces:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    fallback: bool = False  # Roboto, because a configured face is missing

    def by_style(self) -> dict[str, str]:
        """fpdf2's style letters to files."""
        return {"": self.regular, "B": self.bold, "I": self.italic, "BI": self.bold_italic}


def pdf_faces() -> Faces:
    return _faces(settings.PDF_FONT_REGULAR, settings.PDF_FONT_BOLD, settings.PDF_FONT_ITALIC,
                  settings.PDF_FONT_BOLD_ITALIC)


@lru_cache(maxsize=8)
def _faces(regular: str, bold: str, italic: str, bold_italic: str) -> Faces:
    configured = {"PDF_FONT_REGULAR": regular, "PDF_FONT_BOLD": bold, "PDF_FONT_ITALIC": italic,
                  "PDF_FONT_BOLD_ITALIC": bold_italic}
    missing = {name: path for name, path in configured.items() if not path or not Path(path).is_file()}
    if not missing:
        return Faces(regular, bold, italic, bold_italic)
    import font_roboto

    logger.warning(
        "PDF fonts missing (%s): the PDFs are set in Roboto instead of the official serif; install the Debian "
        "package fonts-liberation2 (scripts/system-deps.sh) or set these settings to existing TrueType files",
        ", ".join(f"{name}={path or '(empty)'}" for name, path in missing.items()))
    # Every face from one family: a serif body with sans-serif italics would look like two documents.
    return Faces(font_roboto.Roboto, font_roboto.RobotoBold, font_roboto.RobotoItalic, font_roboto.RobotoBoldItalic,
                 fallback=True)
