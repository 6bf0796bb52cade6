"""Quảng Ninh province after the 1 July 2025 arrangement: the province, its 54 commune-level units,
its agencies, service centres and hotlines. Sources: SOURCES.md beside this file.

Real (from the sources):
- the 54 units (30 wards, 22 communes, 2 special zones) set by Resolution 1679/NQ-UBTVQH15 of
  16 June 2025, with their names and 5-digit statistical codes, and the province's code 22;
- the province's level-1 electronic identification code H49 (its People's Committee is 000.00.00.H49);
- the National Public Service Portal helpline 1800 1096 and the 0203 area code.

illustrative: every agency code below level 1 (H49.xx, H49.xx.yy), the centres' addresses, opening hours
and phone numbers, and the provincial hotline number. Replace them with the province's published values
before real use.
"""

from demo.data.text import ascii_title

WARD, COMMUNE, SPECIAL_ZONE = "ward", "commune", "special_zone"

PROVINCE = {"code": "22", "name": "Tỉnh Quảng Ninh", "name_en": "Quang Ninh Province", "kind": "province"}
PROVINCE_SHORT_NAME = "Quảng Ninh"
PROVINCE_AGENCY_CODE = "H49"
# Resolution of the National Assembly Standing Committee that set the commune-level units.
ARRANGEMENT_RESOLUTION = "1679/NQ-UBTVQH15 ngày 16/6/2025"

# (statistical code, name without its kind, kind), in code order.
COMMUNES = [
    ("06652", "Hà Tu", WARD),
    ("06658", "Cao Xanh", WARD),
    ("06661", "Việt Hưng", WARD),
    ("06673", "Bãi Cháy", WARD),
    ("06676", "Hà Lầm", WARD),
    ("06685", "Hồng Gai", WARD),
    ("06688", "Hạ Long", WARD),
    ("06706", "Tuần Châu", WARD),
    ("06709", "Móng Cái 2", WARD),
    ("06712", "Móng Cái 1", WARD),
    ("06724", "Hải Sơn", COMMUNE),
    ("06733", "Hải Ninh", COMMUNE),
    ("06736", "Móng Cái 3", WARD),
    ("06757", "Vĩnh Thực", COMMUNE),
    ("06760", "Mông Dương", WARD),
    ("06778", "Quang Hanh", WARD),
    ("06781", "Cửa Ông", WARD),
    ("06793", "Cẩm Phả", WARD),
    ("06799", "Hải Hòa", COMMUNE),
    ("06811", "Uông Bí", WARD),
    ("06820", "Vàng Danh", WARD),
    ("06832", "Yên Tử", WARD),
    ("06838", "Bình Liêu", COMMUNE),
    ("06841", "Hoành Mô", COMMUNE),
    ("06856", "Lục Hồn", COMMUNE),
    ("06862", "Tiên Yên", COMMUNE),
    ("06874", "Điền Xá", COMMUNE),
    ("06877", "Đông Ngũ", COMMUNE),
    ("06886", "Hải Lạng", COMMUNE),
    ("06895", "Đầm Hà", COMMUNE),
    ("06913", "Quảng Tân", COMMUNE),
    ("06922", "Quảng Hà", COMMUNE),
    ("06931", "Quảng Đức", COMMUNE),
    ("06946", "Đường Hoa", COMMUNE),
    ("06967", "Cái Chiên", COMMUNE),
    ("06970", "Ba Chẽ", COMMUNE),
    ("06979", "Kỳ Thượng", COMMUNE),
    ("06985", "Lương Minh", COMMUNE),
    ("06994", "Vân Đồn", SPECIAL_ZONE),
    ("07030", "Hoành Bồ", WARD),
    ("07054", "Quảng La", COMMUNE),
    ("07060", "Thống Nhất", COMMUNE),
    ("07069", "Mạo Khê", WARD),
    ("07081", "Bình Khê", WARD),
    ("07090", "An Sinh", WARD),
    ("07093", "Đông Triều", WARD),
    ("07114", "Hoàng Quế", WARD),
    ("07132", "Quảng Yên", WARD),
    ("07135", "Đông Mai", WARD),
    ("07147", "Hiệp Hòa", WARD),
    ("07168", "Hà An", WARD),
    ("07180", "Liên Hòa", WARD),
    ("07183", "Phong Cốc", WARD),
    ("07192", "Cô Tô", SPECIAL_ZONE),
]

KIND_WORDS = {WARD: ("Phường", "Ward"), COMMUNE: ("Xã", "Commune"), SPECIAL_ZONE: ("Đặc khu", "Special Zone")}

# Provincial agencies: (key, code, name, English name, parent key). The People's Committee comes first.
# illustrative: codes below H49. The departments are those of the 2025 reorganisation (Sở Tài chính took
# over business registration from Sở Kế hoạch và Đầu tư; Sở Nội vụ took over labour and meritorious people).
PEOPLE_COMMITTEE = "ubnd"
PROVINCIAL_CENTRE_AGENCY = "hcc"
AGENCIES = [
    ("ubnd", "H49", "Ủy ban nhân dân tỉnh Quảng Ninh", "Quang Ninh Provincial People's Committee", None),
    ("vp-ubnd", "H49.01", "Văn phòng Ủy ban nhân dân tỉnh", "Office of the Provincial People's Committee", "ubnd"),
    ("hcc", "H49.02", "Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh",
     "Quang Ninh Provincial Public Administration Service Centre", "ubnd"),
    ("noi-vu", "H49.03", "Sở Nội vụ", "Department of Home Affairs", "ubnd"),
    ("tu-phap", "H49.04", "Sở Tư pháp", "Department of Justice", "ubnd"),
    ("tai-chinh", "H49.05", "Sở Tài chính", "Department of Finance", "ubnd"),
    ("xay-dung", "H49.06", "Sở Xây dựng", "Department of Construction", "ubnd"),
    ("nn-mt", "H49.07", "Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment", "ubnd"),
    ("vpdk-dat-dai", "H49.07.01", "Văn phòng Đăng ký đất đai tỉnh Quảng Ninh",
     "Quang Ninh Land Registration Office", "nn-mt"),
    ("y-te", "H49.08", "Sở Y tế", "Department of Health", "ubnd"),
    ("gd-dt", "H49.09", "Sở Giáo dục và Đào tạo", "Department of Education and Training", "ubnd"),
    ("cong-thuong", "H49.10", "Sở Công Thương", "Department of Industry and Trade", "ubnd"),
    ("kh-cn", "H49.11", "Sở Khoa học và Công nghệ", "Department of Science and Technology", "ubnd"),
    ("vh-tt", "H49.12", "Sở Văn hóa và Thể thao", "Department of Culture and Sports", "ubnd"),
    ("du-lich", "H49.13", "Sở Du lịch", "Department of Tourism", "ubnd"),
    ("dan-toc", "H49.14", "Sở Dân tộc và Tôn giáo", "Department of Ethnic Minorities and Religions", "ubnd"),
    ("thanh-tra", "H49.15", "Thanh tra tỉnh", "Provincial Inspectorate", "ubnd"),
    ("bql-kkt", "H49.16", "Ban Quản lý Khu kinh tế Quảng Ninh", "Quang Ninh Economic Zone Authority", "ubnd"),
    ("cong-an", "H49.17", "Công an tỉnh Quảng Ninh", "Quang Ninh Provincial Police", "ubnd"),
]
# illustrative: each commune's People's Committee gets a level-2 code H49.30 … H49.83, in code order.
COMMUNE_AGENCY_FIRST = 30

# illustrative: the centres' addresses, hours and phone numbers (see the module docstring).
PROVINCIAL_CENTRE = {
    "slug": "tinh-quang-ninh",
    "name": "Trung tâm Phục vụ hành chính công tỉnh Quảng Ninh",
    "name_en": "Quang Ninh Provincial Public Administration Service Centre",
    "address": "Trụ sở Liên cơ quan số 3, phường Hồng Gai, tỉnh Quảng Ninh",
    "opening_hours": "Thứ Hai – Thứ Sáu: 07:30 – 11:30, 13:00 – 17:00\nThứ Bảy: 07:30 – 11:30",
    "opening_hours_en": "Monday – Friday: 07:30 – 11:30, 13:00 – 17:00\nSaturday: 07:30 – 11:30",
    "phone": "0203 3999 666",
}
COMMUNAL_HOURS = "Thứ Hai – Thứ Sáu: 07:30 – 11:30, 13:00 – 17:00"
COMMUNAL_HOURS_EN = "Monday – Friday: 07:30 – 11:30, 13:00 – 17:00"

# Province-wide hotlines: (number, label, English label).
PROVINCE_HOTLINES = [
    ("0203 3999 888", "Đường dây nóng tiếp nhận phản ánh, kiến nghị về thủ tục hành chính tỉnh Quảng Ninh",
     "Quang Ninh hotline for feedback on administrative procedures"),  # illustrative
    ("1800 1096", "Tổng đài hỗ trợ Cổng Dịch vụ công quốc gia (miễn phí)",
     "National Public Service Portal helpline (toll-free)"),  # real
]
PROVINCIAL_CENTRE_HOTLINE = ("0203 3999 666", "Đường dây nóng Trung tâm Phục vụ hành chính công tỉnh",
                             "Provincial centre hotline")  # illustrative


def commune_full_name(name: str, kind: str) -> tuple[str, str]:
    """("Phường Hạ Long", "Ha Long Ward") for ("Hạ Long", WARD)."""
    vi, en = KIND_WORDS[kind]
    return f"{vi} {name}", f"{ascii_title(name)} {en}"


def commune_phone(code: str) -> str:
    """illustrative: a landline in the 0203 area derived from the unit's code (0203 3 + code + 8)."""
    return f"02033{code}8"
