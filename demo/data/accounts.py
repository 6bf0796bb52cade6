"""One demo account per role. The names are invented; the citizen's CCCD number is well-formed for a
man born in Quảng Ninh (province code 022) in 1990, but it is not a real person's number.

``centre``/``agency`` name a centre slug, an agency key of demo.data.province, or a commune code (the
People's Committee of that commune)."""

import datetime as dt

# Everyone shares one password so a tester can switch roles; it is printed by seed_demo.
PASSWORD = "Demo@Portal2025"
# The PIN of the signing certificates the demo issues at load time (the ward's vice-chair and the provincial
# Office's chief, who signed the demo's issued documents); printed by seed_demo. The ward's chair
# (lanhdao.halong) chooses their own PIN once the admin approves their request in the portal.
SIGNING_PIN = "135790"

CITIZEN = {
    "cccd": "022090012345",
    "full_name": "Nguyễn Văn An",
    "date_of_birth": dt.date(1990, 5, 14),
    "gender": "male",
    "phone": "0912345678",
    "email": "nguyenvanan@example.com",
}

# Phường Hạ Long (code 06688) hosts the commune-level staff, so a commune-level dossier can be
# received, processed and signed there end to end.
DEMO_COMMUNE = "06688"

OFFICIALS = [
    {"username": "motcua.tinh", "full_name": "Trần Thị Bình", "role": "officer",
     "centre": "tinh-quang-ninh", "agency": "hcc"},
    {"username": "motcua.halong", "full_name": "Lê Văn Cường", "role": "officer",
     "centre": "ha-long", "agency": DEMO_COMMUNE},
    {"username": "chuyenvien.halong", "full_name": "Phạm Thị Dung", "role": "specialist",
     "centre": None, "agency": DEMO_COMMUNE, "phone": "0903123456"},
    {"username": "lanhdao.halong", "full_name": "Hoàng Văn Em", "role": "leader",
     "centre": None, "agency": DEMO_COMMUNE, "phone": "0903234567"},
    {"username": "vanthu.tinh", "full_name": "Vũ Thị Giang", "role": "clerk",
     "centre": None, "agency": "vp-ubnd"},
    # The clerk of the ward registers and stamps its results: the last step of a commune-level dossier.
    {"username": "vanthu.halong", "full_name": "Đỗ Thị Hoa", "role": "clerk",
     "centre": None, "agency": DEMO_COMMUNE, "phone": "0903345678"},
    # Official documents: the head of the ward's Culture and Society unit reviews its drafts and hands out
    # its incoming documents; the provincial People's Committee's Office receives what the ward sends.
    {"username": "truongphong.halong", "full_name": "Ngô Văn Khánh", "role": "specialist",
     "centre": None, "agency": DEMO_COMMUNE},
    {"username": "lanhdao.vpubnd", "full_name": "Bùi Thị Lan", "role": "leader",
     "centre": None, "agency": "vp-ubnd", "position": "Chánh Văn phòng Ủy ban nhân dân tỉnh"},
    # The ward's vice-chair signed the demo's issued documents (a certificate with SIGNING_PIN); the chair's
    # own certificate is the admin's to approve in the portal.
    {"username": "phochutich.halong", "full_name": "Trịnh Văn Phúc", "role": "leader",
     "centre": None, "agency": DEMO_COMMUNE, "position": "Phó Chủ tịch Ủy ban nhân dân phường Hạ Long"},
    # Phản ánh, kiến nghị: the province's hotline officer and the provincial centre's director, who approves the
    # answers to petitions the centre handles.
    {"username": "tongdai.tinh", "full_name": "Đỗ Thị Hương", "role": "hotline",
     "centre": None, "agency": "hcc"},
    {"username": "lanhdao.hcc", "full_name": "Phan Văn Quang", "role": "leader",
     "centre": None, "agency": "hcc", "position": "Giám đốc Trung tâm Phục vụ hành chính công tỉnh"},
    {"username": "quantri.tinh", "full_name": "Đặng Văn Hùng", "role": "admin",
     "centre": None, "agency": "ubnd"},
]
