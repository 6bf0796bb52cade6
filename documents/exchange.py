"""What an outgoing document sends over the national document axis (issue 13 builds the edXML package and
its destination; QCVN 102:2016, ../shared/domain/document-exchange-edxml.md): the message header in edXML's
own names, which are Decree 30/2020 Appendix VI's. Files are referred to, not embedded: the exchange reads
them when it packs the message. A secret document never crosses the exchange (Decision 28/2018 art. 1)."""

from __future__ import annotations

from documents.models import Document, DocumentFile, Recipient

# edXML TraceHeaderList/Bussiness/BussinessDocType
NEW, REVOCATION, UPDATE, REPLACEMENT = 0, 1, 2, 3


def document_id(document: Document) -> str:
    """edXML DocumentId: "<OrganId>,<yyyy/MM/dd>,<số>/<ký hiệu>"."""
    date = document.issued_date.strftime("%Y/%m/%d") if document.issued_date else ""
    return f"{document.organ_id},{date},{document.number_display}"


def _organ(organ_id: str, name: str) -> dict:
    return {"OrganId": organ_id, "OrganName": name}


def header(document: Document, recipients: list[Recipient]) -> dict:
    """The MessageHeader of ``document`` to the outside ``recipients``."""
    lines = [line for line in document.authority_line.splitlines() if line.strip()]
    files = document.files.filter(kind__in=(DocumentFile.Kind.MAIN, DocumentFile.Kind.ATTACHMENT)).order_by(
        "kind", "id")
    message = {
        "From": _organ(document.organ_id, document.organ_name),
        "To": [_organ(r.external_organ_id, r.external_name) for r in recipients],
        "DocumentId": document_id(document),
        "Code": {"CodeNumber": document.code_number, "CodeNotation": document.code_notation},
        "PromulgationInfo": {"Place": document.agency.unit.name if document.agency.unit_id else "",
                             "PromulgationDate": document.issued_date.strftime("%Y/%m/%d")
                             if document.issued_date else ""},
        "DocumentType": {"TypeName": document.document_type.name},
        "Subject": document.subject,
        "SignerInfo": {"Competence": " ".join(lines[:-1]), "Position": document.signer_position,
                       "FullName": document.signer_name},
        "DueDate": document.due_date.strftime("%Y/%m/%d") if document.due_date else "",
        "OtherInfo": {"Priority": document.priority, "PromulgationAmount": document.issued_amount or 0,
                      "PageAmount": document.page_amount or 0},
        "ToPlaces": [r.name for r in document.recipients.select_related("agency", "unit")],
        "Attachments": [{"file": f.pk, "name": f.name, "sha256": f.sha256, "kind": f.kind} for f in files],
        "document": str(document.uuid),
    }
    answered = document.reply_to
    if answered is not None and answered.organ_id:
        message["ResponseFor"] = {"OrganId": answered.organ_id, "Code": answered.number_display,
                                  "PromulgationDate": answered.issued_date.strftime("%Y/%m/%d")
                                  if answered.issued_date else "", "DocumentId": document_id(answered)}
    return message


def issue_payload(document: Document, recipients: list[Recipient]) -> dict:
    """A new document (or one replacing an earlier one) to the outside recipients."""
    business = {"BussinessDocType": NEW, "DocumentId": document_id(document)}
    if document.replaces_id:
        business = {"BussinessDocType": REPLACEMENT, "DocumentId": document_id(document),
                    "ReplacementInfoList": [{"DocumentId": document_id(document.replaces),
                                             "OrganIdList": [r.external_organ_id for r in recipients]}]}
    return {"type": "replacement" if document.replaces_id else "edoc", "header": header(document, recipients),
            "TraceHeaderList": {"Bussiness": business}}


def recall_payload(document: Document, recipients: list[Recipient], *, reason: str) -> dict:
    """The sender takes the document back (Art. 18.4.b; status 13 "Lấy lại")."""
    return {"type": "revocation", "header": header(document, recipients),
            "TraceHeaderList": {"Bussiness": {"BussinessDocType": REVOCATION, "DocumentId": document_id(document),
                                              "BussinessDocReason": reason}}}
