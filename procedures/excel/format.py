"""The sheets and columns of the catalogue workbook, and the words accepted for enumerations.

Headers and accepted words are part of the file format, so they are fixed Vietnamese/English text,
not translated: a file written in one language must read back in the other."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.text import fold
from portal.timeunits import TimeUnit
from procedures.models import Fee, FormField, InternalProcessStep, ProcedureVersion, RequiredComponent
from units.models import Agency

TEXT, INTEGER, DECIMAL, BOOLEAN, TIME, CHOICE, CHOICES, WORDS, OPTIONS, NUMBER = (
    "text", "integer", "decimal", "boolean", "time", "choice", "choices", "words", "options", "number",
)


@dataclass(frozen=True)
class Vocabulary:
    """An enumeration: each stored value with the Vietnamese label the template offers, plus other
    spellings accepted on import (matched without regard to case or diacritics)."""

    entries: tuple[tuple[str, str, tuple[str, ...]], ...]

    def parse(self, text: str) -> str | None:
        wanted = fold(text)
        for value, label, aliases in self.entries:
            if wanted in {fold(value), fold(label), *(fold(alias) for alias in aliases)}:
                return value
        return None

    def label(self, value: str) -> str:
        return next((label for stored, label, _aliases in self.entries if stored == value), value)

    @property
    def labels(self) -> list[str]:
        return [label for _value, label, _aliases in self.entries]


LEVELS = Vocabulary((
    (ProcedureVersion.Level.PROVINCE, "Cấp tỉnh", ("tỉnh", "provincial")),
    (ProcedureVersion.Level.COMMUNE, "Cấp xã", ("xã",)),
))
TIME_UNITS = Vocabulary((
    (TimeUnit.WORKING_DAYS, "ngày làm việc", ("working days",)),
    (TimeUnit.WORKING_HOURS, "giờ làm việc", ("working hours",)),
    (TimeUnit.DAYS, "ngày", ()),
    (TimeUnit.MONTHS, "tháng", ()),
))
ONLINE_LEVELS = Vocabulary((
    (ProcedureVersion.OnlineLevel.NONE, "Không trực tuyến", ("không",)),
    (ProcedureVersion.OnlineLevel.PARTIAL, "Một phần", ("trực tuyến một phần",)),
    (ProcedureVersion.OnlineLevel.FULL, "Toàn trình", ("trực tuyến toàn trình",)),
))
PAYMENT_TIMINGS = Vocabulary((
    (ProcedureVersion.PaymentTiming.NONE, "Không thanh toán trực tuyến", ("không",)),
    (ProcedureVersion.PaymentTiming.BEFORE_SUBMISSION, "Trước khi nộp hồ sơ", ("trước khi nộp", "trước")),
    (ProcedureVersion.PaymentTiming.ON_REQUEST, "Khi cán bộ yêu cầu", ("khi được yêu cầu", "theo yêu cầu")),
))
CHANNELS = Vocabulary((
    ("online", "Trực tuyến", ()),
    ("counter", "Trực tiếp", ("tại quầy", "at the counter")),
    ("post", "Bưu chính", ("bưu điện", "by post")),
))
ROLES = Vocabulary((
    (InternalProcessStep.Role.OFFICER, "Cán bộ một cửa", ("một cửa", "one-stop officer")),
    (InternalProcessStep.Role.SPECIALIST, "Chuyên viên", ()),
    (InternalProcessStep.Role.LEADER, "Lãnh đạo", ()),
    (InternalProcessStep.Role.CLERK, "Văn thư", ()),
))
FIELD_TYPES = Vocabulary((
    (FormField.Type.TEXT, "Văn bản", ("text", "chữ")),
    (FormField.Type.LONG_TEXT, "Văn bản dài", ("long text", "long_text", "đoạn văn")),
    (FormField.Type.DATE, "Ngày tháng", ("date", "ngày")),
    (FormField.Type.NUMBER, "Số", ("number",)),
    (FormField.Type.CHOICE, "Lựa chọn", ("choice", "danh sách")),
    (FormField.Type.YES_NO, "Có/Không", ("yes/no", "yes_no", "có không")),
    (FormField.Type.CCCD, "Số CCCD", ("cccd", "số định danh", "căn cước")),
    (FormField.Type.PHONE, "Số điện thoại", ("phone", "điện thoại")),
    (FormField.Type.EMAIL, "Thư điện tử", ("email",)),
))
YES_NO = Vocabulary((
    ("yes", "Có", ("x", "true", "1", "đúng")),
    ("no", "Không", ("false", "0", "sai")),
))


def _length(model, name: str) -> int | None:
    return model._meta.get_field(name).max_length


@dataclass(frozen=True)
class Column:
    key: str
    vi: str
    en: str
    kind: str = TEXT
    required: bool = False
    vocabulary: Vocabulary | None = None
    max_length: int | None = None
    default: object = None
    width: int = 18

    @property
    def header(self) -> str:
        return f"{self.vi}{' *' if self.required else ''}\n{self.en}"

    def matches(self, header: str) -> bool:
        text = fold((header or "").replace("*", " "))
        return text in {self.key, fold(self.vi), fold(self.en), fold(f"{self.vi} {self.en}"),
                        fold(f"{self.vi} ({self.en})"), fold(f"{self.vi} / {self.en}")}


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: tuple[Column, ...]
    keys: dict[str, Column] = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "keys", {column.key: column for column in self.columns})


def _code_column() -> Column:
    return Column("code", "Mã thủ tục", "Procedure code", required=True, max_length=40, width=26)


def _order_column() -> Column:
    return Column("order", "Thứ tự", "Order", INTEGER, required=True, width=8)


# Column keys on the procedure sheet are VersionData's attribute names, so rule errors map onto them.
PROCEDURES = Sheet("Thủ tục", (
    _code_column(),
    Column("name", "Tên thủ tục", "Name", required=True, max_length=_length(ProcedureVersion, "name"), width=48),
    Column("name_en", "Tên tiếng Anh", "Name (English)", max_length=_length(ProcedureVersion, "name_en"), width=36),
    Column("field", "Mã lĩnh vực", "Field code", required=True, max_length=40),
    Column("field_name", "Tên lĩnh vực", "Field name (for reading)", width=24),
    Column("level", "Cấp thực hiện", "Level", CHOICE, required=True, vocabulary=LEVELS, width=12),
    Column("agency", "Mã cơ quan thực hiện", "Implementing agency code", required=True,
           max_length=_length(Agency, "code"), width=20),
    Column("result_type", "Kết quả", "Result", max_length=_length(ProcedureVersion, "result_type"), width=30),
    Column("result_type_en", "Kết quả (tiếng Anh)", "Result (English)",
           max_length=_length(ProcedureVersion, "result_type_en"), width=24),
    Column("legal_basis", "Căn cứ pháp lý", "Legal basis", width=36),
    Column("conditions", "Điều kiện thực hiện", "Conditions", width=30),
    Column("processing_time", "Thời hạn giải quyết", "Processing time", DECIMAL, required=True, width=12),
    Column("processing_time_unit", "Đơn vị thời gian", "Time unit", CHOICE, vocabulary=TIME_UNITS,
           default=TimeUnit.WORKING_DAYS, width=16),
    Column("cutoff_hour", "Giờ chốt nhận hồ sơ", "Daily cut-off hour", TIME, width=12),
    Column("online_level", "Mức độ trực tuyến", "Online service level", CHOICE, vocabulary=ONLINE_LEVELS,
           default=ProcedureVersion.OnlineLevel.PARTIAL, width=16),
    Column("channels", "Cách thức thực hiện", "Channels", CHOICES, required=True, vocabulary=CHANNELS, width=28),
    Column("regardless_of_residence", "Không phụ thuộc địa giới hành chính", "Regardless of residence",
           BOOLEAN, vocabulary=YES_NO, default=True, width=14),
    Column("centres", "Nơi tiếp nhận (mã trung tâm)", "Receiving centres (short names)", WORDS, width=30),
    # Last: workbooks made before it keep their columns' letters.
    Column("payment_timing", "Thanh toán trực tuyến", "Online payment of fees", CHOICE, vocabulary=PAYMENT_TIMINGS,
           default=ProcedureVersion.PaymentTiming.NONE, width=18),
))

COMPONENTS = Sheet("Thành phần hồ sơ", (
    _code_column(),
    _order_column(),
    Column("name", "Tên giấy tờ", "Document", required=True, max_length=_length(RequiredComponent, "name"),
           width=48),
    Column("name_en", "Tên tiếng Anh", "Document (English)", max_length=_length(RequiredComponent, "name_en"),
           width=36),
    Column("originals", "Số bản chính", "Originals", INTEGER, default=1, width=10),
    Column("copies", "Số bản sao", "Copies", INTEGER, default=0, width=10),
    Column("is_mandatory", "Bắt buộc", "Mandatory", BOOLEAN, vocabulary=YES_NO, default=True, width=10),
    Column("filled_by_form", "Điền bằng tờ khai điện tử", "Filled in with the e-form", BOOLEAN, vocabulary=YES_NO,
           default=False, width=14),
))

FEES = Sheet("Phí, lệ phí", (
    _code_column(),
    _order_column(),
    Column("description", "Nội dung", "Description", required=True, max_length=_length(Fee, "description"),
           width=48),
    Column("description_en", "Nội dung (tiếng Anh)", "Description (English)",
           max_length=_length(Fee, "description_en"), width=36),
    Column("amount", "Mức thu (đồng)", "Amount (VND)", INTEGER, required=True, width=16),
))

STEPS = Sheet("Quy trình nội bộ", (
    _code_column(),
    _order_column(),
    Column("name", "Tên bước", "Step", required=True, max_length=_length(InternalProcessStep, "name"), width=40),
    Column("name_en", "Tên bước (tiếng Anh)", "Step (English)",
           max_length=_length(InternalProcessStep, "name_en"), width=30),
    Column("responsible_role", "Vai trò thực hiện", "Responsible role", CHOICE, required=True,
           vocabulary=ROLES, width=18),
    Column("responsible_agency", "Mã cơ quan thực hiện bước", "Responsible agency code (empty: the centre)",
           max_length=_length(Agency, "code"), width=22),
    Column("duration", "Thời gian", "Duration", DECIMAL, required=True, width=10),
))

# Column keys are FormFieldData's attribute names, so the rules' problems land on their cells.
FORM = Sheet("Tờ khai điện tử", (
    _code_column(),
    _order_column(),
    Column("section", "Phần", "Section", max_length=_length(FormField, "section"), width=24),
    Column("section_en", "Phần (tiếng Anh)", "Section (English)", max_length=_length(FormField, "section_en"),
           width=20),
    Column("key", "Mã trường", "Key", max_length=_length(FormField, "key"), width=18),
    Column("label", "Nhãn", "Label", required=True, max_length=_length(FormField, "label"), width=36),
    Column("label_en", "Nhãn (tiếng Anh)", "Label (English)", max_length=_length(FormField, "label_en"), width=28),
    Column("type", "Kiểu dữ liệu", "Type", CHOICE, vocabulary=FIELD_TYPES, default=FormField.Type.TEXT, width=14),
    Column("required", "Bắt buộc", "Required", BOOLEAN, vocabulary=YES_NO, default=True, width=10),
    Column("options", "Các lựa chọn", "Options", OPTIONS, width=30),
    Column("options_en", "Các lựa chọn (tiếng Anh)", "Options (English)", OPTIONS, width=24),
    Column("help_text", "Hướng dẫn", "Help text", max_length=_length(FormField, "help_text"), width=30),
    Column("help_text_en", "Hướng dẫn (tiếng Anh)", "Help text (English)",
           max_length=_length(FormField, "help_text_en"), width=24),
    Column("max_length", "Độ dài tối đa", "Maximum length", INTEGER, width=10),
    Column("min_value", "Giá trị nhỏ nhất", "Minimum", NUMBER, width=10),
    Column("max_value", "Giá trị lớn nhất", "Maximum", NUMBER, width=10),
    Column("not_future", "Không sau ngày hiện tại", "Not after today", BOOLEAN, vocabulary=YES_NO, default=False,
           width=12),
))

SHEETS = (PROCEDURES, COMPONENTS, FEES, STEPS, FORM)
CHILD_SHEETS = (COMPONENTS, FEES, STEPS, FORM)
INSTRUCTIONS_TITLE = "Hướng dẫn"
