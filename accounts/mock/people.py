"""The mock provider's identities: invented people with well-formed numbers that belong to nobody. The first
is the demo citizen who already has an account in the portal (demo/data/accounts.py); the second has none,
to show how the first login creates it; the third has a level 1 account (registered online only)."""

from __future__ import annotations

# cccd, full name, date of birth, gender, address, phone, identity level
PEOPLE = [
    ("022090012345", "Nguyễn Văn An", "1990-05-14", "male", "Tổ 1, khu 2, phường Hạ Long, tỉnh Quảng Ninh",
     "0912345678", 2),
    ("022185004321", "Trần Thị Mai", "1985-09-02", "female", "Tổ 3, khu 5, phường Hạ Long, tỉnh Quảng Ninh",
     "0987654321", 2),
    ("022095007788", "Phạm Minh Quân", "1995-11-20", "male", "Tổ 8, khu 4, phường Bãi Cháy, tỉnh Quảng Ninh",
     "0934567890", 1),
]
