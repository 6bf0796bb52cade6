"""QR codes the PDFs carry (segno, a maintained generator): a PNG, or a PNG as a data URI, which fpdf2's HTML
layer takes in an <img src>."""

from __future__ import annotations

import base64
import io

import segno


def qr_png(text: str, *, scale: int = 4) -> bytes:
    code = segno.make(text, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def qr_data_uri(text: str, *, scale: int = 4) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(text, scale=scale)).decode("ascii")
