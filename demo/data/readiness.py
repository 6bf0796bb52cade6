"""What the go-live readiness board shows in the demo (reports/readiness/): a mix.

- Bãi Cháy and Hồng Gai wards are ready: each has its four kinds of staff, its chair's signing certificate and
  the People's Committee's agency certificate, an incoming register (so the axis connects it) and its
  equipment and training confirmed. Green once `make run` has synchronised the procedures with the mock NPSP
  and the axis has read their mailboxes (a few seconds).
- Hạ Long ward has everything but its chair's certificate, which waits for the admin's approval (amber).
- Hà Tu and Cao Xanh have confirmed their equipment only; the other communes have no staff accounts yet (red).
- One trial operation run is recorded for the three wards.

illustrative: every name below is invented, as are the dates and notes of the confirmations and the trial run.
"""

import datetime as dt

# (commune code, short slug for usernames, chair's position, staff: role -> full name)
READY = [
    ("06673", "baichay", "Chủ tịch Ủy ban nhân dân phường Bãi Cháy", {
        "officer": "Nguyễn Thị Thu Hà", "specialist": "Trần Quốc Bảo", "leader": "Lê Minh Đức",
        "clerk": "Phạm Thị Ngọc Ánh"}),
    ("06685", "honggai", "Chủ tịch Ủy ban nhân dân phường Hồng Gai", {
        "officer": "Vũ Thị Lan Anh", "specialist": "Đặng Văn Toàn", "leader": "Hoàng Thị Thanh Hương",
        "clerk": "Bùi Văn Nam"}),
]
USERNAME_PREFIX = {"officer": "motcua", "specialist": "chuyenvien", "leader": "lanhdao", "clerk": "vanthu"}
INCOMING_REGISTER = "Sổ đăng ký văn bản đến"

EQUIPMENT_NOTE = ("Đã lắp đặt máy tính, máy quét, máy in, máy lấy số thứ tự và thiết bị đánh giá mức độ hài lòng "
                  "tại bộ phận một cửa; đường truyền đã kiểm tra ngày 24/6/2025.")
TRAINING_NOTE = ("Cán bộ một cửa, chuyên viên, lãnh đạo và văn thư đã dự lớp tập huấn sử dụng hệ thống do Trung tâm "
                 "Phục vụ hành chính công tỉnh tổ chức ngày 25/6/2025.")
# (commune code, items confirmed): the ready wards and Hạ Long all; two others their equipment only.
CONFIRMED = [
    ("06673", ("equipment", "training")),
    ("06685", ("equipment", "training")),
    ("06688", ("equipment", "training")),
    ("06652", ("equipment",)),
    ("06658", ("equipment",)),
]

TRIAL_COMMUNES = ("06673", "06685", "06688")
TRIAL_STARTED = dt.datetime(2025, 6, 27, 8, 0)  # local time
TRIAL_MINUTES = 150
TRIAL_DOSSIERS = 45
TRIAL_NOTE = ("Bản ghi minh họa của dữ liệu demo; lệnh manage.py simulate ghi kết quả của mỗi lần vận hành thử "
              "thật vào đây.")
