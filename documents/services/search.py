"""A document's search columns (Appendix VI: search every field and the full text of the files), kept by
the services that change what they are made of — never by a signal:

- ``DocumentSearch.text``: the words of every field, of the recipients and of the files' text
  (documents.searchtext.words); on PostgreSQL its text-search vector is the generated column ``vector``
  with a GIN index (migration 0004);
- ``DocumentSearch.key``: the number and symbol, subject, sender and signer, folded with their
  punctuation, under a trigram index.

Call ``search_refresh(document)`` in the same transaction after creating a document, changing its
metadata or recipients, or storing a file (file_store does it itself)."""

from __future__ import annotations

from documents import searchtext
from documents.models import Document, DocumentFile, DocumentSearch


def search_texts(document: Document) -> tuple[str, str]:
    """(search_text, search_key) of ``document`` as it is in the database now, in three small queries."""
    document = (Document.objects.select_related("document_type", "drafting_unit")
                .only("code_number", "code_notation", "arrival_number", "subject", "description", "organ_name",
                      "organ_id", "signer_position", "signer_name", "authority_line", "direction_note", "body",
                      "document_type__name", "drafting_unit__name", "drafting_unit__code")
                .get(pk=document.pk))
    recipients = [name for row in document.recipients.values_list("agency__name", "unit__name", "external_name")
                  for name in row if name]
    fields = [
        document.number_display, str(document.arrival_number or ""), document.subject, document.description,
        document.organ_name, document.organ_id, document.signer_position, document.signer_name,
        document.authority_line, document.document_type.name, document.direction_note, document.body,
        *((document.drafting_unit.code, document.drafting_unit.name) if document.drafting_unit_id else ()),
        *recipients,
    ]
    key = searchtext.key((document.number_display, document.subject, document.organ_name, document.signer_name))
    return searchtext.words([*fields, *_file_texts(document)]), key


def _file_texts(document: Document) -> list[str]:
    """The text of what the document says now: its newest main file and its attachments, or the newest
    draft while it has no main file (an earlier draft's words are no longer the document's)."""
    files = list(DocumentFile.objects.filter(document=document).order_by("kind", "-version", "-id")
                 .values_list("kind", "text"))
    main = [text for kind, text in files if kind == DocumentFile.Kind.MAIN][:1]
    drafts = [] if main else [text for kind, text in files if kind == DocumentFile.Kind.DRAFT][:1]
    return [*main, *drafts, *(text for kind, text in files if kind == DocumentFile.Kind.ATTACHMENT)]


def search_refresh(document: Document) -> DocumentSearch:
    """Recompute the document's search row from the database. An upsert, so two transactions refreshing
    the same document at once both succeed (the later one's text stays)."""
    text, key = search_texts(document)
    row = DocumentSearch(document_id=document.pk, agency_id=document.agency_id, created_at=document.created_at,
                         text=text, key=key)
    DocumentSearch.objects.bulk_create([row], update_conflicts=True, unique_fields=["document"],
                                       update_fields=["text", "key"])
    return row
