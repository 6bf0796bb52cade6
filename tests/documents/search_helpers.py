"""Documents made directly with the models for the register, report and search tests (the flows that make
them for real are tested elsewhere), with their search row refreshed as the services do."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from documents.layout.pdf import html_pdf
from documents.models import Document, DocumentType
from documents.services.files import file_store
from documents.services.search import search_refresh


def pdf_saying(text: str) -> bytes:
    """A one-page PDF whose text layer says ``text`` (in the portal's Unicode serif)."""
    return html_pdf(f"<p>{text}</p>")


def moment(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def document_make(office, *, direction="incoming", type_code="cong-van", subject="Về việc tổ chức Ngày hội",
                  state=None, file_text: str = "", by=None, **fields) -> Document:
    defaults = {"state": state or (Document.State.REGISTERED if direction == "incoming" else Document.State.ISSUED)}
    document = Document.objects.create(agency=office.agency, direction=direction,
                                       document_type=DocumentType.objects.get(code=type_code), subject=subject,
                                       created_by=by or office.clerk, **defaults, **fields)
    if file_text:
        file_store(document=document, kind="main", name="van-ban.pdf", content=pdf_saying(file_text), user=None)
    else:
        search_refresh(document)
    return document
