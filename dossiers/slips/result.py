"""Kết quả giải quyết thủ tục hành chính: the result of a dossier, an outgoing document of the resolving agency
(issue 12 §2), drafted from a template per procedure and laid out in the Appendix I layout of Decree
30/2020/NĐ-CP (documents.layout.compose), the number, the date and the signatures left to their reserved
fields (the leader signs it, the clerk numbers it, the agency signs it: dossiers.services.results).

Two templates: the birth registration's extract (TRÍCH LỤC KHAI SINH: the child's particulars from the
e-form, the parents, the place of registration, the signer) and a decision (QUYẾT ĐỊNH Về việc …: the
authority, the legal bases, Điều 1–3, Nơi nhận) for every other procedure. A procedure's template is its
catalogue entry's choice (Procedure.result_template, which the provincial admin edits), else the one this
module knows for its code (BY_CODE), else the decision. Pure: data in, a Composition (or its PDF) out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone, translation

from accounts.models import User
from documents.layout import letterhead
from documents.layout.compose import Block, Composition
from documents.layout.letterhead import Letterhead
from documents.services.outgoing import prepared_composed
from dossiers.lookups import lookup_url
from dossiers.models import Dossier
from dossiers.slips.words import date_words
from portal.dates import date_text
from procedures.eforms import answers_by_key, answers_display
from procedures.models import Procedure
from units.models import Agency

T = Procedure.ResultTemplate
# Procedures whose result has a template of its own, by national code.
BY_CODE: dict[str, str] = {
    "1.001193": T.BIRTH_EXTRACT,  # Đăng ký khai sinh
}
LOCAL_GOVERNMENT_LAW = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"


@dataclass(frozen=True)
class ResultLayout:
    """What a template makes of a dossier: the outgoing document's kind (DocumentType code), its subject
    (trích yếu), the authority lines above the signature, and the page itself."""

    document_type: str
    subject: str
    authority: list[str]
    composition: Composition


def template_for(dossier: Dossier) -> str:
    procedure = dossier.procedure_version.procedure
    return procedure.result_template or BY_CODE.get(procedure.code, T.DECISION)


def result_layout(dossier: Dossier, *, agency: Agency, signer: User | None) -> ResultLayout:
    """The result of ``dossier`` from its procedure's template, issued by ``agency`` and signed by ``signer``."""
    with translation.override("vi"):
        return TEMPLATES[template_for(dossier)](dossier, agency, signer)


def result_pdf(dossier: Dossier, signer: User | None, *, agency: Agency | None = None) -> bytes:
    """The result as the leader will see and sign it: laid out, its number, date and signature fields empty."""
    agency = agency or dossier.procedure_version.agency
    return prepared_composed(result_layout(dossier, agency=agency, signer=signer).composition)


def form_context(dossier: Dossier) -> dict:
    """The e-form's answers, in Vietnamese: ``answers`` by key (a template prints a few by name, e.g.
    ``answers["ho_ten_tre"]``) and ``form_sections``; the first section (the person or thing the result is
    about, by the catalogue's convention) is ``main_section``."""
    with translation.override("vi"):
        definition = list(dossier.procedure_version.form_fields.all())
        sections = answers_display(definition, dossier.form_data)
        return {"answers": answers_by_key(definition, dossier.form_data), "form_sections": sections,
                "main_section": sections[0] if sections else None}


def _head(agency: Agency) -> Letterhead:
    return letterhead.for_agency(agency, on=timezone.localdate())


def _authority(agency: Agency, signer: User | None) -> list[str]:
    """Box 7a–7b for the signer: their own title when recorded, else the head's of the agency."""
    if signer is not None and (signer.position or "").strip():
        return letterhead.authority(agency, signer)
    return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] if agency.is_people_committee else ["THỦ TRƯỞNG CƠ QUAN"]


def _honorific(dossier: Dossier) -> str:
    """"ông" or "bà" from the CCCD's gender digit (even: a man), "ông/bà" without a number."""
    cccd = dossier.applicant_cccd or ""
    if len(cccd) == 12 and cccd.isdigit():
        return "ông" if int(cccd[3]) % 2 == 0 else "bà"
    return "ông/bà"


def _place_of(agency: Agency) -> str:
    """"Ủy ban nhân dân phường Hạ Long, tỉnh Quảng Ninh"."""
    parent = agency.unit.parent if agency.unit_id and agency.unit.parent_id else None
    if parent is None or parent.name.lower() in agency.name.lower():
        return agency.name
    return f"{agency.name}, {parent.name[:1].lower()}{parent.name[1:]}"


def _iso_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value or ""))
    except ValueError:
        return None


def _year(value) -> str:
    date = _iso_date(value)
    return str(date.year) if date else ""


def birth_extract(dossier: Dossier, agency: Agency, signer: User | None) -> ResultLayout:
    """Trích lục khai sinh (after the civil-status forms of Circular 04/2020/TT-BTP): the child, the mother,
    the father, who registered it and where. A dossier without the e-form's answers names its applicant."""
    answers, raw = form_context(dossier)["answers"], dossier.form_data or {}
    child = answers.get("ho_ten_tre") or dossier.applicant_name
    born = _iso_date(raw.get("ngay_sinh"))
    blocks = [
        Block(kind="facts", facts=(("Họ, chữ đệm, tên", child.upper()),)),
        Block(kind="facts", facts=(("Ngày, tháng, năm sinh", date_text(born) if born else ""),
                                   *((("ghi bằng chữ", date_words(born)),) if born else ()))),
        Block(kind="facts", facts=(("Giới tính", answers.get("gioi_tinh", "")), ("Dân tộc", answers.get("dan_toc", "")),
                                   ("Quốc tịch", answers.get("quoc_tich", "")))),
        Block(kind="facts", facts=(("Nơi sinh", answers.get("noi_sinh", "")),)),
        Block(kind="facts", facts=(("Quê quán", answers.get("que_quan", "")),)),
    ]
    for label, suffix in (("mẹ", "_me"), ("cha", "_cha")):
        name = answers.get(f"ho_ten{suffix}", "")
        if not name and suffix == "_cha":
            continue  # the father's part stays out when he is not declared
        blocks += [
            Block(kind="facts", facts=((f"Họ, chữ đệm, tên người {label}", name.upper()),)),
            Block(kind="facts", facts=(("Năm sinh", _year(raw.get(f"ngay_sinh{suffix}"))),
                                       ("Dân tộc", answers.get(f"dan_toc{suffix}", "")),
                                       ("Quốc tịch", answers.get(f"quoc_tich{suffix}", "")))),
            Block(kind="facts", facts=(("Nơi cư trú", answers.get(f"noi_cu_tru{suffix}", "")),)),
        ]
    declarant = dossier.applicant_name + (f" ({answers['quan_he']})" if answers.get("quan_he") else "")
    blocks += [
        Block(kind="facts", facts=(("Người đi đăng ký khai sinh", declarant),)),
        Block(kind="facts", facts=(("Nơi đăng ký khai sinh", _place_of(agency)),)),
        Block(kind="facts", facts=(("Mã hồ sơ", dossier.code or ""),)),
    ]
    authority = ["NGƯỜI KÝ TRÍCH LỤC"]
    return ResultLayout(
        document_type="trich-luc-khai-sinh", subject=f"Trích lục khai sinh cho {child}", authority=authority,
        composition=Composition(letterhead=_head(agency), type_name="Trích lục khai sinh", subject="", body="",
                                signer_name=signer.full_name if signer else "", authority=authority,
                                blocks=tuple(blocks), with_places=False, **_lookup_qr(dossier)))


def _lookup_qr(dossier: Dossier) -> dict[str, str]:
    """The QR code under the result: the public lookup of its dossier, where anyone holding the paper sees the
    dossier's state and who issued its result."""
    if not dossier.code:
        return {}
    return {"qr_url": lookup_url(dossier.code),
            "qr_caption": f"Mã hồ sơ {dossier.code}. Quét mã QR để tra cứu hồ sơ trên Cổng dịch vụ công của tỉnh; "
                          "kiểm tra chữ ký số của văn bản điện tử tại trang xác thực chữ ký số."}


def _bases(version) -> list[Block]:
    """"Căn cứ …;" for the local-government law, each act of the procedure's legal basis, and its publication."""
    lines = [LOCAL_GOVERNMENT_LAW]
    for item in (version.legal_basis or "").replace("\n", ";").split(";"):
        item = " ".join(item.split()).rstrip(".,")
        if item:
            lines.append(f"{item};" if item.lower().startswith("căn cứ") else f"Căn cứ {item};")
    if version.decision_id:
        decision = version.decision
        lines.append(f"Căn cứ Quyết định số {decision.number} ngày {date_text(decision.signed_on)} công bố thủ tục "
                     "hành chính;")
    return [Block(text, kind="italic") for text in lines]


def decision(dossier: Dossier, agency: Agency, signer: User | None) -> ResultLayout:
    """Quyết định (Mẫu 1.4 of Appendix III) of the agency's head on the dossier: its legal bases, Điều 1 the
    result for the applicant (with the e-form's main section), Điều 2 its effect, Điều 3 who carries it out."""
    version, who = dossier.procedure_version, f"{_honorific(dossier)} {dossier.applicant_name}"
    lines = _authority(agency, signer)
    authority = [line for line in lines if not line.startswith("TM.")] or lines
    head_title = next((line[4:] for line in authority if line.startswith("KT. ")), authority[-1])
    heading = f"{head_title} {agency.name}".upper() if agency.is_people_committee or head_title != "THỦ TRƯỞNG CƠ QUAN" \
        else agency.name.upper()
    received = date_text(timezone.localdate(dossier.received_at)) if dossier.received_at else ""
    identity = f", số định danh cá nhân {dossier.applicant_cccd}" if dossier.applicant_cccd else ""
    address = f", địa chỉ {dossier.applicant_address}" if dossier.applicant_address else ""
    outcome = version.result_type or "đã được giải quyết"
    blocks = [
        Block(heading, kind="heading"),
        *_bases(version),
        Block(f"Xét hồ sơ mã số {dossier.code} của {who}" + (f" tiếp nhận ngày {received}" if received else "") + ";",
              kind="italic"),
        Block("Theo đề nghị của công chức thụ lý hồ sơ.", kind="italic"),
        Block("QUYẾT ĐỊNH:", kind="heading"),
        Block(f"Giải quyết thủ tục hành chính “{version.name}” (mã thủ tục {version.procedure.code}) cho {who}"
              f"{identity}{address}. Kết quả: {outcome}.", kind="article", lead="Điều 1."),
    ]
    main = form_context(dossier)["main_section"]
    for item in (main.items if main else []):
        blocks.append(Block(kind="facts", facts=((item.label, item.text),)))
    blocks += [
        Block("Quyết định này có hiệu lực kể từ ngày ký.", kind="article", lead="Điều 2."),
        Block(f"Công chức thụ lý hồ sơ, bộ phận tiếp nhận và trả kết quả và {who} chịu trách nhiệm thi hành "
              "Quyết định này.", kind="article", lead="Điều 3."),
    ]
    about = version.name[:1].lower() + version.name[1:]
    return ResultLayout(
        document_type="quyet-dinh", subject=f"Quyết định về việc {about} cho {who}", authority=authority,
        composition=Composition(letterhead=_head(agency), type_name="Quyết định",
                                subject=f"Về việc {about} cho {who}", body="",
                                signer_name=signer.full_name if signer else "", authority=authority,
                                blocks=tuple(blocks), places=["Như Điều 3"], archive="Lưu: VT.",
                                **_lookup_qr(dossier)))


TEMPLATES: dict[str, Callable[[Dossier, Agency, User | None], ResultLayout]] = {
    T.BIRTH_EXTRACT: birth_extract,
    T.DECISION: decision,
}
