"""The slips of a dossier (Circular 03/2025/TT-VPCP numbering): which exist for a dossier now, and the
context each template is rendered with. Every slip comes from an event of the dossier's history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from documents.layout import letterhead
from dossiers.lookups import lookup_url
from dossiers.models import Dossier, DossierEvent
from dossiers.slips import control, history
from portal.qrcodes import qr_data_uri

# Who issues a slip, under whose letterhead: the receiving centre (bộ phận một cửa), or the agency that
# resolves the dossier (its apology letter and its stop notice, signed by its representative).
CENTRE, AGENCY = "centre", "agency"
# "Số:" of a slip the system does not number (no register of slips yet): the blank of the printed forms,
# filled in by hand when the slip is registered. An event's data may carry the number ("number").
UNNUMBERED = "……/……"


@dataclass(frozen=True)
class Form:
    number: str
    title: str  # the form's Vietnamese title, as printed and as listed on the dossier's page
    template: str
    event_kind: str  # the event the slip is issued from
    extra: Callable[[Dossier, DossierEvent], dict] | None = None
    issuer: str = CENTRE
    numbered: bool = True  # the form has a "Số:" line under the issuer's name


def _receipt(dossier: Dossier, event: DossierEvent) -> dict:
    files = [f for f in dossier.files.all() if f.is_current]
    components = [
        {"component": c, "files": [f for f in files if f.component_id == c.pk]}
        for c in dossier.procedure_version.components.all()
    ]
    known = {c.pk for c in dossier.procedure_version.components.all()}
    return {
        "components": [row for row in components if row["files"] or row["component"].is_mandatory],
        "other_files": [f for f in files if f.component_id not in known],
        "appointment": history.appointment(dossier),
        "lookup_url": lookup_url(dossier.code) if dossier.code else "",
        "lookup_qr": qr_data_uri(lookup_url(dossier.code)) if dossier.code else "",
    }


def _supplement(dossier: Dossier, event: DossierEvent) -> dict:
    return {"items": event.data.get("items", [])}


def _extension(dossier: Dossier, event: DossierEvent) -> dict:
    return {"previous_due_at": history.moment(event.data.get("previous_due_at")),
            "new_due_at": history.moment(event.data.get("due_at"))}


def letter_signature(*, authority: list[str], signer: str, recipients: list[str]) -> list[tuple]:
    """The foot of a letter (Decree 30/2020, Appendix I, boxes 7 and 9b) as the rows of a two-column table:
    on the left "Nơi nhận:" and its list, on the right the lines of authority, the hint, the room for the
    signature and seal, the signer's name. Each cell is (kind, text)."""
    left = [("recipients", "Nơi nhận:"), *(("recipient", f"- {line}") for line in recipients)]
    right = [*(("title", line) for line in authority), ("hint", "(Ký, ghi rõ họ tên và đóng dấu)"),
             ("blank", ""), ("blank", ""), ("blank", ""), ("name", signer)]
    left += [("blank", "")] * (len(right) - len(left))
    return list(zip(left, right, strict=False))


def _control(dossier: Dossier, event: DossierEvent) -> dict:
    return {"rows": control.rows(dossier), "due_changes": control.due_changes(dossier)}


K = DossierEvent.Kind
FORMS = {
    form.number: form for form in (
        Form("01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "dossiers/slips/01_receipt.html", K.RECEIVED,
             _receipt),
        Form("02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "dossiers/slips/02_supplement.html",
             K.SUPPLEMENT_REQUESTED, _supplement),
        Form("03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "dossiers/slips/03_refusal.html", K.REFUSED),
        Form("04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "dossiers/slips/04_apology.html", K.EXTENDED,
             _extension, issuer=AGENCY),
        Form("05", "Thông báo dừng giải quyết hồ sơ", "dossiers/slips/05_stop.html", K.STOPPED, issuer=AGENCY),
        Form("06", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "dossiers/slips/06_control.html", K.RECEIVED,
             _control, numbered=False),
    )
}


def available(dossier: Dossier) -> list[tuple[Form, DossierEvent]]:
    found = []
    for form in FORMS.values():
        event = history.last_event(dossier, form.event_kind)
        if event is not None:
            found.append((form, event))
    return found


def context(dossier: Dossier, form: Form, event: DossierEvent) -> dict:
    # The control slip is a running record: dated the day it is printed. The others, the day they were issued.
    on = None if form.number == "06" else event.at
    agency = dossier.procedure_version.agency
    values = {
        "dossier": dossier, "event": event, "version": dossier.procedure_version, "centre": dossier.centre,
        "agency": agency, "form_number": form.number, "title": form.title,
        "number": (event.data.get("number") or UNNUMBERED) if form.numbered else None,
    }
    if form.issuer == AGENCY:
        values.update(letterhead=letterhead.for_agency(agency, on=on), signature=letter_signature(
            authority=letterhead.authority(agency, event.actor), signer=event.actor.full_name if event.actor else "",
            recipients=["Như trên;", f"Bộ phận Một cửa - {dossier.centre.name} (để theo dõi);", "Lưu: VT."]))
    else:
        values["letterhead"] = letterhead.for_centre(dossier.centre, on=on)
    if form.extra is not None:
        values.update(form.extra(dossier, event))
    return values
