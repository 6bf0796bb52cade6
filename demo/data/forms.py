"""E-forms (tờ khai điện tử) of the demo's common civil-status procedures, after the declaration forms of
Circular 04/2020/TT-BTP (as amended): the questions of each paper form, grouped as the paper groups them.

Each procedure maps to (the position of the component the e-form fills in, its questions). A question is a
plain dict of FormFieldData's values; demo.catalogue turns them into the catalogue's data."""

import datetime as dt

DATE, NUMBER, CHOICE, YES_NO, CCCD, PHONE, EMAIL, LONG = (
    "date", "number", "choice", "yes_no", "cccd", "phone", "email", "long_text",
)


def q(section: tuple[str, str], key: str, label: str, label_en: str, type: str = "text", *, required: bool = True,
      options: tuple = (), options_en: tuple = (), help: tuple[str, str] = ("", ""), **limits) -> dict:
    """One question: its section (vi, en), key, labels, type and rules (max_length, min_value, max_value,
    not_future)."""
    return {"section": section[0], "section_en": section[1], "key": key, "label": label, "label_en": label_en,
            "type": type, "required": required, "options": options, "options_en": options_en,
            "help_text": help[0], "help_text_en": help[1], **limits}


SEX = {"options": ("Nam", "Nữ"), "options_en": ("Male", "Female")}
BORN = {"not_future": True}
ETHNICITY_HELP = ("Ví dụ: Kinh, Tày, Dao, Sán Dìu", "e.g. Kinh, Tày, Dao, Sán Dìu")
NATIONALITY_HELP = ("Ví dụ: Việt Nam", "e.g. Việt Nam")
RESIDENCE_HELP = ("Số nhà, thôn/tổ, xã/phường, tỉnh/thành phố", "House number, hamlet, commune or ward, province")
COPIES = ("Số bản sao đề nghị cấp", "Number of copies requested")


def person(section: tuple[str, str], suffix: str, *, required: bool = True, sex: bool = False,
           identity: bool = True) -> list[dict]:
    """The usual particulars of a person on a civil-status form."""
    questions = [
        q(section, f"ho_ten{suffix}", "Họ, chữ đệm, tên", "Full name", required=required, max_length=100),
        q(section, f"ngay_sinh{suffix}", "Ngày, tháng, năm sinh", "Date of birth", DATE, required=required, **BORN),
    ]
    if sex:
        questions.append(q(section, f"gioi_tinh{suffix}", "Giới tính", "Sex", CHOICE, required=required, **SEX))
    questions += [
        q(section, f"dan_toc{suffix}", "Dân tộc", "Ethnicity", required=required, help=ETHNICITY_HELP, max_length=50),
        q(section, f"quoc_tich{suffix}", "Quốc tịch", "Nationality", required=required, help=NATIONALITY_HELP,
          max_length=50),
        q(section, f"noi_cu_tru{suffix}", "Nơi cư trú", "Place of residence", required=required, help=RESIDENCE_HELP),
    ]
    if identity:
        questions.append(q(section, f"so_dinh_danh{suffix}", "Số định danh cá nhân", "Personal identification number",
                           CCCD, required=required))
    return questions


CHILD = ("Người được khai sinh", "The child")
MOTHER = ("Người mẹ", "The mother")
FATHER = ("Người cha", "The father")
DECLARANT = ("Người đi đăng ký", "The declarant")

BIRTH = [
    q(CHILD, "ho_ten_tre", "Họ, chữ đệm, tên", "Full name", max_length=100),
    q(CHILD, "gioi_tinh", "Giới tính", "Sex", CHOICE, **SEX),
    q(CHILD, "ngay_sinh", "Ngày, tháng, năm sinh", "Date of birth", DATE, **BORN),
    q(CHILD, "noi_sinh", "Nơi sinh", "Place of birth",
      help=("Tên cơ sở y tế (nếu sinh tại cơ sở y tế), xã/phường, tỉnh/thành phố",
            "The health facility (if born in one), commune or ward, province")),
    q(CHILD, "dan_toc", "Dân tộc", "Ethnicity", help=ETHNICITY_HELP, max_length=50),
    q(CHILD, "quoc_tich", "Quốc tịch", "Nationality", help=NATIONALITY_HELP, max_length=50),
    q(CHILD, "que_quan", "Quê quán", "Home town", required=False),
    *person(MOTHER, "_me"),
    *person(FATHER, "_cha", required=False),
    q(DECLARANT, "quan_he", "Quan hệ với người được khai sinh", "Relationship to the child", CHOICE,
      options=("Cha", "Mẹ", "Ông", "Bà", "Người thân thích khác", "Người được ủy quyền"),
      options_en=("Father", "Mother", "Grandfather", "Grandmother", "Other relative", "Authorised person")),
    q(DECLARANT, "so_ban_sao", *COPIES, NUMBER, required=False, min_value=0, max_value=10,
      help=("Trích lục khai sinh (bản sao) ngoài bản chính Giấy khai sinh",
            "Copies of the birth extract, besides the original certificate")),
    q(DECLARANT, "nhan_qua_buu_chinh", "Nhận kết quả qua dịch vụ bưu chính", "Receive the result by post", YES_NO,
      required=False),
]

BRIDE = ("Bên nữ", "The bride")
GROOM = ("Bên nam", "The groom")
MARRIAGE = [
    *person(BRIDE, "_nu"),
    q(BRIDE, "dien_thoai_nu", "Số điện thoại", "Phone number", PHONE, required=False),
    q(BRIDE, "lan_ket_hon_nu", "Kết hôn lần thứ", "Marriage number", NUMBER, min_value=1, max_value=20),
    *person(GROOM, "_nam"),
    q(GROOM, "dien_thoai_nam", "Số điện thoại", "Phone number", PHONE, required=False),
    q(GROOM, "lan_ket_hon_nam", "Kết hôn lần thứ", "Marriage number", NUMBER, min_value=1, max_value=20),
    q(("Đề nghị", "Request"), "so_ban_sao", *COPIES, NUMBER, required=False, min_value=0, max_value=10,
      help=("Trích lục kết hôn (bản sao)", "Copies of the marriage extract")),
]

DECEASED = ("Người đã chết", "The deceased")
DEATH = [
    q(DECEASED, "ho_ten", "Họ, chữ đệm, tên", "Full name", max_length=100),
    q(DECEASED, "gioi_tinh", "Giới tính", "Sex", CHOICE, **SEX),
    q(DECEASED, "ngay_sinh", "Ngày, tháng, năm sinh", "Date of birth", DATE, required=False, **BORN),
    q(DECEASED, "dan_toc", "Dân tộc", "Ethnicity", help=ETHNICITY_HELP, max_length=50),
    q(DECEASED, "quoc_tich", "Quốc tịch", "Nationality", help=NATIONALITY_HELP, max_length=50),
    q(DECEASED, "so_dinh_danh", "Số định danh cá nhân", "Personal identification number", CCCD, required=False),
    q(DECEASED, "noi_cu_tru", "Nơi cư trú cuối cùng", "Last place of residence", help=RESIDENCE_HELP),
    q(DECEASED, "ngay_chet", "Đã chết vào ngày", "Date of death", DATE, **BORN),
    q(DECEASED, "noi_chet", "Nơi chết", "Place of death"),
    q(DECEASED, "nguyen_nhan", "Nguyên nhân chết", "Cause of death", LONG, required=False, max_length=500),
    q(DECLARANT, "quan_he", "Quan hệ với người đã chết", "Relationship to the deceased", max_length=50),
    q(DECLARANT, "so_ban_sao", *COPIES, NUMBER, required=False, min_value=0, max_value=10,
      help=("Trích lục khai tử (bản sao)", "Copies of the death extract")),
]

CERTIFIED = ("Người được xác nhận tình trạng hôn nhân", "The person whose marital status is certified")
STATUS = ("Tình trạng hôn nhân và mục đích sử dụng", "Marital status and purpose")
MARITAL_STATUS = [
    *person(CERTIFIED, "", sex=True),
    q(STATUS, "tinh_trang", "Tình trạng hôn nhân", "Marital status", CHOICE,
      options=("Chưa kết hôn lần nào", "Đang có vợ/chồng", "Đã ly hôn, chưa kết hôn với người khác",
               "Vợ/chồng đã chết, chưa kết hôn với người khác"),
      options_en=("Never married", "Married", "Divorced, not remarried", "Widowed, not remarried")),
    q(STATUS, "muc_dich", "Mục đích sử dụng Giấy xác nhận", "Purpose of the certificate", LONG, max_length=500,
      help=("Ví dụ: để đăng ký kết hôn với ông/bà ... tại ...; để mua bán nhà đất",
            "e.g. to marry Mr/Ms ... at ...; to buy or sell land")),
    q(STATUS, "so_luong", "Số lượng Giấy xác nhận đề nghị cấp", "Number of certificates requested", NUMBER,
      min_value=1, max_value=10),
]

EXTRACT = ("Việc hộ tịch đề nghị cấp bản sao trích lục", "The civil-status record to copy")
COPY_OF_EXTRACT = [
    q(EXTRACT, "loai_viec", "Loại việc hộ tịch", "Kind of record", CHOICE,
      options=("Khai sinh", "Kết hôn", "Khai tử", "Nhận cha, mẹ, con", "Giám hộ",
               "Thay đổi, cải chính, bổ sung thông tin hộ tịch"),
      options_en=("Birth", "Marriage", "Death", "Recognition of parents and children", "Guardianship",
                  "Change or correction of civil-status data")),
    q(EXTRACT, "ho_ten", "Họ, chữ đệm, tên người có tên trong trích lục", "Full name of the person in the record",
      max_length=100),
    q(EXTRACT, "ngay_sinh", "Ngày, tháng, năm sinh", "Date of birth", DATE, **BORN),
    q(EXTRACT, "so_dang_ky", "Số đăng ký (nếu biết)", "Registration number (if known)", required=False,
      max_length=30),
    q(EXTRACT, "ngay_dang_ky", "Ngày đăng ký (nếu biết)", "Registration date (if known)", DATE, required=False,
      **BORN),
    q(EXTRACT, "noi_dang_ky", "Cơ quan đã đăng ký", "Registering authority",
      help=("Ví dụ: UBND phường Hồng Gai (cũ), tỉnh Quảng Ninh", "e.g. the former Hồng Gai ward, Quảng Ninh")),
    q(DECLARANT, "quan_he", "Quan hệ với người có tên trong trích lục", "Relationship to the person in the record",
      max_length=50, help=("Ví dụ: bản thân, con, vợ", "e.g. self, child, wife")),
    q(DECLARANT, "so_ban_sao", *COPIES, NUMBER, min_value=1, max_value=20),
    q(DECLARANT, "email_nhan", "Thư điện tử nhận thông báo", "Email for notices", EMAIL, required=False),
]

# procedure code -> (position of the component the e-form fills in, questions)
FORMS = {
    "1.001193": (1, BIRTH),  # Đăng ký khai sinh
    "1.000894": (1, MARRIAGE),  # Đăng ký kết hôn
    "1.000656": (1, DEATH),  # Đăng ký khai tử
    "1.004873": (1, MARITAL_STATUS),  # Cấp Giấy xác nhận tình trạng hôn nhân
    "2.000635": (1, COPY_OF_EXTRACT),  # Cấp bản sao Trích lục hộ tịch
}

HOME = "Tổ 1, khu 2, phường Hạ Long, tỉnh Quảng Ninh"
# The answers of the demo citizen's (Nguyễn Văn An's) birth registrations, as the online form stores them:
# one child per dossier, the parents the same.
PARENTS = {
    "ho_ten_me": "Phạm Thị Hương", "ngay_sinh_me": "1994-03-08", "dan_toc_me": "Kinh", "quoc_tich_me": "Việt Nam",
    "noi_cu_tru_me": HOME, "so_dinh_danh_me": "022194001234",
    "ho_ten_cha": "Nguyễn Văn An", "ngay_sinh_cha": "1990-05-14", "dan_toc_cha": "Kinh", "quoc_tich_cha": "Việt Nam",
    "noi_cu_tru_cha": HOME, "so_dinh_danh_cha": "022090012345",
    "quan_he": "Cha", "so_ban_sao": 2, "nhan_qua_buu_chinh": False,
}
# (name, sex, days old on the day the demo is seeded: a birth is registered within 60 days)
CHILDREN = [
    ("Nguyễn Minh Khang", "Nam", 12), ("Nguyễn Ngọc Hân", "Nữ", 20), ("Nguyễn Gia Bảo", "Nam", 27),
    ("Nguyễn Thảo Vy", "Nữ", 35), ("Nguyễn Đức Anh", "Nam", 44), ("Nguyễn Khánh Linh", "Nữ", 52),
]


def birth_answers(index: int, today: dt.date) -> dict:
    name, sex, days = CHILDREN[index % len(CHILDREN)]
    return {"ho_ten_tre": name, "gioi_tinh": sex, "ngay_sinh": (today - dt.timedelta(days=days)).isoformat(),
            "noi_sinh": "Bệnh viện Sản Nhi Quảng Ninh, phường Hạ Long, tỉnh Quảng Ninh", "dan_toc": "Kinh",
            "quoc_tich": "Việt Nam", "que_quan": "Phường Hạ Long, tỉnh Quảng Ninh", **PARENTS}


def walk_in_answers(today: dt.date) -> dict:
    """The walk-in mother (demo.dossiers.WALK_IN) registers her son, born 15 days ago, at the counter."""
    return {**WALK_IN_ANSWERS, "ngay_sinh": (today - dt.timedelta(days=15)).isoformat()}


WALK_IN_ANSWERS = {
    "ho_ten_tre": "Lê Hoàng Nam", "gioi_tinh": "Nam",
    "noi_sinh": "Trung tâm Y tế thành phố Hạ Long (cũ), phường Hạ Long, tỉnh Quảng Ninh", "dan_toc": "Kinh",
    "quoc_tich": "Việt Nam", "ho_ten_me": "Trần Thị Mai", "ngay_sinh_me": "1985-02-11", "dan_toc_me": "Kinh",
    "quoc_tich_me": "Việt Nam", "noi_cu_tru_me": "Tổ 3, khu 5, phường Hạ Long, tỉnh Quảng Ninh",
    "so_dinh_danh_me": "022185004321", "quan_he": "Mẹ",
}
