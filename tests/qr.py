"""What the QR codes printed in a PDF say: each page rendered by poppler (pdftoppm), read by zxing-cpp."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import zxingcpp
from PIL import Image


def qr_texts(content: bytes, *, dpi: int = 150) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(content)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source), str(Path(folder) / "page")], check=True,
                       timeout=60)
        texts = []
        for page in sorted(Path(folder).glob("page*.png")):
            with Image.open(page) as image:
                texts += [barcode.text for barcode in zxingcpp.read_barcodes(image)
                          if barcode.format == zxingcpp.BarcodeFormat.QRCode]
        return texts
