"""QR codes the PDFs carry (segno, a maintained generator): a PNG as a data URI, which fpdf2's HTML layer
takes in an <img src>."""

from __future__ import annotations

import base64
import io

import segno


def qr_data_uri(text: str, *, scale: int = 4) -> str:
    code = segno.make(text, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=2)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
