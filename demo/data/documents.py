"""The demo's official documents: the internal units of the Hạ Long ward People's Committee and of the
provincial People's Committee's Office, who works where, and the registers each keeps for the year. The
unit names follow the two-tier model's communal apparatus (Văn phòng HĐND và UBND, Phòng Văn hóa - Xã hội,
Phòng Kinh tế); the abbreviations are the ones a công văn's symbol uses."""

from demo.data.accounts import DEMO_COMMUNE

# (agency key, unit code, name, English name, [(username, heads the unit)])
UNITS = [
    (DEMO_COMMUNE, "VP", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "Office of the People's Council and "
     "People's Committee", [("vanthu.halong", False)]),
    (DEMO_COMMUNE, "VHXH", "Phòng Văn hóa - Xã hội", "Culture and Society Unit",
     [("truongphong.halong", True), ("chuyenvien.halong", False)]),
    (DEMO_COMMUNE, "KT", "Phòng Kinh tế", "Economic Unit", []),
    ("vp-ubnd", "TH", "Phòng Tổng hợp", "General Affairs Unit", [("vanthu.tinh", False)]),
    ("vp-ubnd", "HCTC", "Phòng Hành chính - Tổ chức", "Administration and Organisation Unit", []),
]

# (name, direction, secret): every agency with units keeps these for the current year.
REGISTERS = [
    ("Sổ đăng ký văn bản đi", "outgoing", False),
    ("Sổ đăng ký văn bản đến", "incoming", False),
    ("Sổ đăng ký văn bản đi mật", "outgoing", True),
    ("Sổ đăng ký văn bản đến mật", "incoming", True),
]

