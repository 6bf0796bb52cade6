"""The mock's national population database: synthetic people (invented names, well-formed numbers that
belong to nobody), generated the same way every time. The first records match the demo accounts and the
demo walk-in applicant, so prefill works in the demo."""

from __future__ import annotations

import random

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = {"male": ["Văn", "Đức", "Minh", "Quang", "Hữu"], "female": ["Thị", "Ngọc", "Thu", "Thanh", "Minh"]}
GIVEN = {"male": ["An", "Bình", "Cường", "Dũng", "Hùng", "Khánh", "Long", "Nam", "Phong", "Quân", "Sơn", "Tuấn"],
         "female": ["Anh", "Bích", "Chi", "Dung", "Hà", "Hoa", "Lan", "Mai", "Ngân", "Phương", "Thảo", "Yến"]}
WARDS = ["phường Hạ Long", "phường Bãi Cháy", "phường Hồng Gai", "phường Cẩm Phả", "phường Uông Bí",
         "phường Móng Cái 1", "xã Tiên Yên", "xã Đầm Hà", "đặc khu Vân Đồn", "đặc khu Cô Tô"]

KNOWN = [
    ("022090012345", "Nguyễn Văn An", "1990-05-14", "male", "Tổ 1, khu 2, phường Hạ Long, tỉnh Quảng Ninh"),
    ("022185004321", "Trần Thị Mai", "1985-09-02", "female", "Tổ 3, khu 5, phường Hạ Long, tỉnh Quảng Ninh"),
]


def _people(count: int, seed: int = 2025) -> list[tuple[str, str, str, str, str]]:
    rng = random.Random(seed)
    people = []
    for _ in range(count):
        gender = rng.choice(["male", "female"])
        year = rng.randint(1950, 2006)
        century_digit = (0 if year < 2000 else 2) + (1 if gender == "female" else 0)
        number = f"022{century_digit}{year % 100:02d}{rng.randint(0, 999999):06d}"
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
        birth = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        address = f"Tổ {rng.randint(1, 20)}, khu {rng.randint(1, 9)}, {rng.choice(WARDS)}, tỉnh Quảng Ninh"
        people.append((number, name, birth, gender, address))
    return people


POPULATION = KNOWN + [p for p in _people(500) if p[0] not in {k[0] for k in KNOWN}]
