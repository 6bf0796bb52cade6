"""A document's files: stored under a random name through Django's storage, with their checksum, size and
text (for search)."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile

from accounts.models import User
from documents.models import Document, DocumentFile
from documents.services.search import search_refresh
from documents.text import pdf_text
from portal.uploads import CheckedFile


def file_store(*, document: Document, kind: str, name: str, content: bytes, user: User | None,
               version: int | None = None) -> DocumentFile:
    """Keep ``content`` (a checked PDF) as a file of ``document``. Drafts are numbered versions 1, 2, …
    The document's search text is refreshed with the file's text."""
    if version is None:
        last = document.files.filter(kind=kind).order_by("-version").values_list("version", flat=True).first()
        version = (last or 0) + 1
    stored = DocumentFile(document=document, kind=kind, version=version, name=name, size=len(content),
                          sha256=hashlib.sha256(content).hexdigest(), text=pdf_text(content), uploaded_by=user)
    stored.file.save(f"{document.uuid.hex}-{kind}-{version}.pdf", ContentFile(content), save=False)
    stored.save()
    search_refresh(document)  # the file's words are searchable at once
    return stored


def file_store_checked(*, document: Document, kind: str, checked: CheckedFile, user: User | None) -> DocumentFile:
    return file_store(document=document, kind=kind, name=checked.name, content=checked.content, user=user)


def file_read(stored: DocumentFile) -> bytes:
    with stored.file.open("rb") as handle:
        return handle.read()


def main_file(document: Document) -> DocumentFile | None:
    """The document's main file: the latest MAIN, or for an unsigned draft its latest version."""
    files = document.files.order_by("-version", "-id")
    return files.filter(kind=DocumentFile.Kind.MAIN).first() or files.filter(kind=DocumentFile.Kind.DRAFT).first()
