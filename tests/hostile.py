"""Hostile files for the tests: what an attacker uploads. Each is small on the wire and dangerous to
whatever opens it carelessly."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from tests.dossiers.factories import pdf_bytes


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(width: int = 40_000, height: int = 40_000) -> bytes:
    """A PNG claiming ``width`` × ``height`` one-bit pixels, all white: rows of zeros that deflate to
    almost nothing (the probe's was 194 KB for 40,000 × 40,000; this one stops after a few rows)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * ((width + 7) // 8 + 1) * 64, 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")


def jpeg_bomb(width: int = 60_000, height: int = 60_000) -> bytes:
    """A small real JPEG whose frame header claims ``width`` × ``height``."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(buffer, format="JPEG")
    data = bytearray(buffer.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def _pdf(build) -> bytes:
    writer = PdfWriter()
    writer.append(io.BytesIO(pdf_bytes()))
    build(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _open_action(**entries) -> bytes:
    def build(writer: PdfWriter) -> None:
        action = DictionaryObject({NameObject(f"/{k}"): v for k, v in entries.items()})
        writer.root_object[NameObject("/OpenAction")] = writer._add_object(action)

    return _pdf(build)


def pdf_with_javascript() -> bytes:
    return _open_action(S=NameObject("/JavaScript"), JS=TextStringObject("app.alert('xin chao');"))


def pdf_with_launch_action() -> bytes:
    return _open_action(S=NameObject("/Launch"), F=TextStringObject("cmd.exe"))


def pdf_with_attachment() -> bytes:
    return _pdf(lambda writer: writer.add_attachment("hoa-don.exe", b"MZ\x90\x00 not a program"))


def xlsx_zip_bomb(inflated_mb: int = 600) -> bytes:
    """A workbook-looking zip with one member that inflates to ``inflated_mb`` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\x00" * (1024 * 1024)
            for _ in range(inflated_mb):
                member.write(block)
    return buffer.getvalue()


def xlsx_with_entities(source: bytes) -> bytes:
    """``source`` (a real .xlsx) with a billion-laughs entity declaration in its first sheet."""
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 9))
              + "]>")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                body = data.decode().split("?>", 1)[-1]
                data = (laughs + body.replace("<c ", "<c ", 1)).encode()
                data = data.replace(b"</sheetData>", b"<row r=\"99\"><c r=\"A99\" t=\"inlineStr\"><is><t>&lol8;</t>"
                                                     b"</is></c></row></sheetData>", 1)
            copy.writestr(item, data)
    return out.getvalue()


def pdf_with_inflating_stream(inflated_mb: int = 200) -> bytes:
    """A one-page PDF carrying an extra stream that inflates from a few hundred KB to ``inflated_mb`` MB."""
    from pypdf.generic import DecodedStreamObject, StreamObject

    def build(writer: PdfWriter) -> None:
        stream = DecodedStreamObject()
        stream.set_data(b"")
        bomb = StreamObject()
        bomb._data = zlib.compress(b"\x00" * (inflated_mb * 1024 * 1024), 9)
        bomb[NameObject("/Filter")] = NameObject("/FlateDecode")
        writer.root_object[NameObject("/Bomb")] = writer._add_object(bomb)

    return _pdf(build)
