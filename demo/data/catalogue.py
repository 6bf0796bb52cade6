"""The shape of the demo catalogue: fields, a compact procedure spec, shared components and the standard
internal process. The procedures themselves are in procedures_*.py; demo.services turns each spec into
the catalogue's VersionData and publishes it through procedures.services."""

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

WD, WH, DAYS = "working_days", "working_hours", "days"
PROVINCE, COMMUNE = "province", "commune"
NONE, PARTIAL, FULL = "none", "partial", "full"
# The agency key of commune-level procedures: "the People's Committee of the commune that receives the
# dossier". Since 1 July 2025 a commune-level procedure is resolved by whichever commune receives it
# (regardless of residence), so it names the class of agency, as the national database does.
COMMUNE_PC = "ubnd-cap-xa"
COMMUNE_PC_AGENCY = (COMMUNE_PC, "H49.99", "Ủy ban nhân dân cấp xã (nơi tiếp nhận hồ sơ)",
                     "Commune People's Committee (where the dossier is received)")  # illustrative code

# (code, name, English name)
FIELDS = [
    ("ho-tich", "Hộ tịch", "Civil status"),
    ("chung-thuc", "Chứng thực", "Certification"),
    ("nuoi-con-nuoi", "Nuôi con nuôi", "Adoption"),
    ("hoa-giai-co-so", "Hòa giải ở cơ sở", "Grassroots mediation"),
    ("ly-lich-tu-phap", "Lý lịch tư pháp", "Judicial records"),
    ("ho-kinh-doanh", "Thành lập và hoạt động của hộ kinh doanh", "Household businesses"),
    ("doanh-nghiep", "Thành lập và hoạt động của doanh nghiệp", "Enterprise registration"),
    ("dat-dai", "Đất đai", "Land"),
    ("xay-dung", "Hoạt động xây dựng", "Construction"),
    ("cu-tru", "Đăng ký, quản lý cư trú", "Residence"),
    ("bao-tro-xa-hoi", "Bảo trợ xã hội", "Social assistance"),
    ("an-toan-thuc-pham", "An toàn thực phẩm", "Food safety"),
    ("kham-chua-benh", "Khám bệnh, chữa bệnh", "Medical practice"),
    ("duoc", "Dược phẩm", "Pharmacy"),
    ("giao-duc", "Giáo dục và Đào tạo", "Education and training"),
    ("van-hoa", "Văn hóa", "Culture"),
    ("du-lich", "Du lịch", "Tourism"),
    ("lao-dong", "Việc làm và lao động nước ngoài", "Employment of foreign workers"),
    ("moi-truong", "Môi trường", "Environment"),
]


@dataclass(frozen=True)
class Spec:
    """One procedure as the demo publishes it. ``agency`` is an agency key (demo.data.province.AGENCIES)
    or COMMUNE_PC; ``time`` is in ``unit``; ``steps`` None means the standard process (standard_steps)."""

    code: str
    name: str
    name_en: str
    field: str
    level: str
    agency: str
    time: str
    unit: str
    result: str
    result_en: str
    legal_basis: str
    components: tuple
    fees: tuple = ()
    online: str = PARTIAL
    counter: bool = True
    post: bool = False
    cutoff: str | None = None
    conditions: str = ""
    steps: tuple | None = None
    paper: bool = True  # the result has a paper original (False: an electronic notice only)
    payment: str = "none"  # when the fees are paid online: none, before_submission, on_request


def doc(name: str, name_en: str, originals: int = 1, copies: int = 0, mandatory: bool = True) -> tuple:
    """A required component: (name, English name, originals, copies, mandatory)."""
    return (name, name_en, originals, copies, mandatory)


def optional(name: str, name_en: str, originals: int = 1, copies: int = 0) -> tuple:
    return doc(name, name_en, originals, copies, mandatory=False)


def fee(description: str, description_en: str, amount: int) -> tuple:
    return (description, description_en, amount)


FREE = (fee("Không thu phí, lệ phí", "No fee", 0),)

ID_SHOWN = doc("Căn cước/Căn cước công dân của người nộp hồ sơ (xuất trình khi nộp trực tiếp)",
               "Identity card of the applicant (shown at the counter)", 0, 0)
AUTHORISATION = optional("Văn bản ủy quyền (trường hợp nộp thay)", "Power of attorney (if filing for someone else)")

# The standard internal process: share of the legal time per step. The receiving centre (agency None)
# receives and returns; the implementing agency examines, approves and registers the result.
_STANDARD = (
    ("Tiếp nhận, kiểm tra, số hóa hồ sơ và chuyển xử lý", "Receive, check and digitise the dossier",
     "officer", Decimal("0.10"), False),
    ("Thẩm định hồ sơ, dự thảo kết quả", "Examine the dossier and draft the result", "specialist", None, True),
    ("Xem xét, ký duyệt kết quả", "Review and sign the result", "leader", Decimal("0.20"), True),
    ("Vào sổ, đóng dấu, chuyển kết quả về bộ phận một cửa", "Register, stamp and send the result to the desk",
     "clerk", Decimal("0.10"), True),
)
_QUARTER = Decimal("0.25")


def standard_steps(total: Decimal, agency_key: str | None, *, whole: bool = False) -> tuple:
    """Steps (name, English name, role, duration, agency key or None) adding up exactly to ``total``:
    fixed shares rounded to quarter units (whole ones for calendar days, ``whole``), at least one unit,
    the specialist taking the rest."""
    quantum = Decimal(1) if whole else _QUARTER
    shares = {}
    for name, _en, _role, share, _own in _STANDARD:
        if share is not None:
            rounded = (total * share / quantum).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * quantum
            shares[name] = max(rounded, quantum)
    rest = total - sum(shares.values())
    if rest <= 0:  # too short for four steps: keep the specialist's and the leader's
        half = (total / 2).quantize(Decimal("1") if whole else Decimal("0.01"), rounding=ROUND_DOWN)
        return (
            (_STANDARD[1][0], _STANDARD[1][1], "specialist", total - half, agency_key),
            (_STANDARD[2][0], _STANDARD[2][1], "leader", half, agency_key),
        )
    return tuple(
        (name, en, role, shares.get(name, rest), agency_key if own else None)
        for name, en, role, _share, own in _STANDARD
    )

# illustrative: the demo publication decision (quyết định công bố) under which every procedure is
# published, in force from the first day of the two-tier local government.
DECISION = {
    "number": "01/QĐ-UBND-DEMO",
    "signed_on": "2025-06-30",
    "signer": "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh",
    "signer_position": "Chủ tịch",
    "effective_from": "2025-07-01",
}
