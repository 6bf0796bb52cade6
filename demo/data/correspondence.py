"""The demo's official correspondence for the current year: what the Hạ Long ward People's Committee received
on paper, what it drafts and issues, and what the provincial People's Committee's Office sends it — matters
a ward really handles (the national great-unity festival, natural disasters, poverty reduction, health
insurance, conscription, Tết). Senders outside the portal, numbers and names are invented; "{year}" is the
current year and "{next}" the next when the demo is loaded.

Subjects follow the outgoing form's rule: for a công văn, what follows "V/v"; for another kind, what follows
its name ("Về việc …" for a decision)."""

# Documents received on paper by the ward's clerk. ``ago``: working days since it arrived; ``fate``: how far
# it went — arrived (waits for registration), registered (waits for the leader's direction), unit (directed
# to the Culture and Society unit, waits for its head), handler (directed to the specialist), started (the
# specialist commented), done (the unit's specialist finished it), answered (the specialist's reply was
# issued), refused (returned to its sender), secret (registered in the secret series, presented to the chair).
PAPER = [
    {"key": "mttq-ngay-hoi", "ago": 19, "sender": "Ủy ban Mặt trận Tổ quốc Việt Nam phường Hạ Long",
     "number": "15", "notation": "KH-MTTQ", "type": "ke-hoach", "pages": 4,
     "subject": "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {year} tại các khu dân cư",
     "signer": ("Chủ tịch", "Trần Văn Hải"), "fate": "done", "days": 5,
     "result": "Đã phối hợp tổ chức Ngày hội tại 12/12 khu dân cư; báo cáo kết quả đã gửi Ủy ban Mặt trận Tổ "
               "quốc Việt Nam phường."},
    {"key": "vhtt-gia-dinh-van-hoa", "ago": 16, "sender": "Sở Văn hóa và Thể thao", "organ": "vh-tt",
     "number": "2150", "notation": "SVHTT-QLVH", "type": "cong-van", "pages": 2,
     "subject": "Báo cáo kết quả bình xét danh hiệu Gia đình văn hóa, Khu dân cư văn hóa năm {year}",
     "signer": ("Phó Giám đốc", "Lương Thị Thu"), "fate": "answered", "days": 15},
    {"key": "du-lich-cuoi-nam", "ago": 14, "sender": "Sở Du lịch", "organ": "du-lich", "number": "1187",
     "notation": "SDL-QLDL", "type": "huong-dan", "pages": 3,
     "subject": "Tổ chức các hoạt động du lịch an toàn, văn minh dịp cuối năm {year}",
     "signer": ("Giám đốc", "Nguyễn Minh Tuấn"), "fate": "done", "days": 5,
     "result": "Đã thông báo đến các cơ sở lưu trú, nhà hàng trên địa bàn phường và niêm yết tại trụ sở."},
    {"key": "bhxh-bhyt", "ago": 12, "sender": "Bảo hiểm xã hội cơ sở Hạ Long", "number": "312",
     "notation": "BHXH-QLT", "type": "cong-van", "pages": 2,
     "subject": "Phối hợp vận động người dân tham gia bảo hiểm y tế hộ gia đình năm {next}",
     "signer": ("Giám đốc", "Phạm Quang Huy"), "fate": "started", "days": 5,
     "comment": "Đã rà soát danh sách 215 hộ chưa tham gia bảo hiểm y tế; đang làm việc với các trưởng khu phố."},
    {"key": "cong-an-an-ninh", "ago": 6, "sender": "Công an phường Hạ Long", "number": "96", "notation": "CAP-ANTT",
     "type": "cong-van", "pages": 3, "secrecy": 1,
     "subject": "Bảo đảm an ninh, trật tự trên địa bàn phường dịp cuối năm {year} và Tết Nguyên đán {next}",
     "signer": ("Trưởng Công an phường", "Đào Xuân Trường"), "fate": "secret"},
    {"key": "ha-tu-nham", "ago": 5, "sender": "Ủy ban nhân dân phường Hà Tu", "organ": "06652", "number": "210",
     "notation": "UBND-VP", "type": "cong-van", "pages": 1,
     "subject": "Xác minh thông tin cư trú của công dân Nguyễn Văn Bình",
     "signer": ("Phó Chủ tịch", "Vũ Đức Long"), "fate": "refused",
     "reason": "Văn bản gửi nhầm nơi nhận: việc xác minh thông tin cư trú thuộc thẩm quyền của Công an phường Hạ "
               "Long. Đề nghị Quý cơ quan gửi đúng nơi nhận."},
    {"key": "so-y-te-sxh", "ago": 3, "sender": "Sở Y tế", "organ": "y-te", "number": "4128", "notation": "SYT-NVY",
     "type": "cong-van", "pages": 2, "urgency": 1,
     "subject": "Tăng cường các biện pháp phòng, chống dịch sốt xuất huyết",
     "signer": ("Phó Giám đốc", "Hoàng Thị Mai"), "fate": "unit", "days": 3},
    {"key": "hoi-phu-nu-tet", "ago": 2, "sender": "Hội Liên hiệp Phụ nữ phường Hạ Long", "number": "27",
     "notation": "CV-HPN", "type": "cong-van", "pages": 1,
     "subject": "Phối hợp tổ chức chương trình “Tết ấm cho phụ nữ, trẻ em có hoàn cảnh khó khăn” năm {next}",
     "signer": ("Chủ tịch", "Lê Thị Hồng"), "fate": "handler", "days": 7},
    {"key": "chqs-nhap-ngu", "ago": 1, "sender": "Ban Chỉ huy Quân sự phường Hạ Long", "number": "45",
     "notation": "KH-BCHQS", "type": "ke-hoach", "pages": 5,
     "subject": "Tuyển chọn và gọi công dân nhập ngũ năm {next}",
     "signer": ("Chỉ huy trưởng", "Nguyễn Văn Dũng"), "fate": "registered"},
    {"key": "dien-luc", "ago": 1, "sender": "Điện lực Hạ Long", "number": "1520", "notation": "ĐLHL-KT",
     "type": "thong-bao", "pages": 1,
     "subject": "Lịch tạm ngừng cung cấp điện để bảo dưỡng lưới điện tháng 12 năm {year}",
     "signer": ("Giám đốc", "Trần Đức Minh"), "fate": "registered"},
    {"key": "thcs-tran-quoc-toan", "ago": 0, "sender": "Trường Trung học cơ sở Trần Quốc Toản", "number": "86",
     "notation": "TTr-THCS", "type": "to-trinh", "pages": 2,
     "subject": "Đề nghị hỗ trợ kinh phí sửa chữa phòng học bị hư hỏng do mưa lớn",
     "signer": ("Hiệu trưởng", "Đặng Thị Lan"), "fate": "arrived"},
    {"key": "cong-dien-ret", "ago": 0, "sender": "Ban Chỉ huy Phòng thủ dân sự tỉnh Quảng Ninh", "number": "12",
     "notation": "CĐ-BCH", "type": "cong-dien", "pages": 1, "urgency": 2,
     "subject": "Chủ động ứng phó với đợt không khí lạnh tăng cường",
     "signer": ("Phó Trưởng ban", "Bùi Văn Khoa"), "fate": "arrived"},
]

# The ward's outgoing documents, drafted by its Culture and Society unit's specialist. ``state`` is how far
# each went; ``signer`` "chair" is lanhdao.halong (whose certificate the admin has still to approve: those
# wait for them), "vice" is phochutich.halong. ``to``: agency keys of demo.data.province, or "unit:CODE" for
# a unit of the ward. ``office``: what the Office did with its copy.
OUTGOING = [
    {"key": "ke-hoach-tet", "state": "draft", "type": "ke-hoach", "signer": "chair", "to": ["unit:VHXH", "unit:KT"],
     "subject": "Tổ chức các hoạt động mừng Đảng, mừng Xuân năm {next} trên địa bàn phường",
     "body": ["Căn cứ Kế hoạch của Ủy ban nhân dân tỉnh về tổ chức các hoạt động mừng Đảng, mừng Xuân;",
              "Ủy ban nhân dân phường Hạ Long ban hành Kế hoạch tổ chức các hoạt động mừng Đảng, mừng Xuân năm "
              "{next} với các nội dung sau:",
              "I. MỤC ĐÍCH, YÊU CẦU",
              "Tổ chức các hoạt động vui Xuân, đón Tết an toàn, tiết kiệm; quan tâm chăm lo Tết cho các gia đình "
              "chính sách, hộ nghèo, hộ có hoàn cảnh khó khăn."]},
    {"key": "nha-van-hoa-tra-loi", "state": "draft", "type": "bao-cao", "signer": "vice", "to": ["vp-ubnd"],
     "reply_to": "office:nha-van-hoa",
     "subject": "Số liệu nhà văn hóa khu dân cư trên địa bàn phường Hạ Long năm {year}",
     "body": ["Thực hiện Công văn của Văn phòng Ủy ban nhân dân tỉnh về việc rà soát, báo cáo số liệu nhà văn "
              "hóa khu dân cư, Ủy ban nhân dân phường Hạ Long báo cáo như sau:",
              "Trên địa bàn phường có 12/12 khu dân cư có nhà văn hóa; 03 nhà văn hóa đã xuống cấp, cần sửa chữa."]},
    {"key": "giam-ngheo", "state": "in_review", "type": "bao-cao", "signer": "chair", "to": ["noi-vu", "vp-ubnd"],
     "subject": "Kết quả thực hiện công tác giảm nghèo năm {year}",
     "body": ["Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Ủy ban nhân dân phường Hạ Long báo cáo kết quả thực "
              "hiện công tác giảm nghèo năm {year} như sau:",
              "Đầu năm, toàn phường có 18 hộ nghèo, 41 hộ cận nghèo; đến nay đã giảm 11 hộ nghèo, 16 hộ cận nghèo."]},
    {"key": "tiem-chung", "state": "in_review", "type": "ke-hoach", "signer": "vice", "to": ["y-te", "unit:VHXH"],
     "subject": "Triển khai tiêm chủng mở rộng năm {next} trên địa bàn phường",
     "body": ["Nhằm duy trì tỷ lệ tiêm chủng đầy đủ cho trẻ em dưới 1 tuổi đạt trên 95%, Ủy ban nhân dân phường "
              "ban hành Kế hoạch triển khai tiêm chủng mở rộng năm {next}."]},
    {"key": "thien-tai-ke-hoach", "state": "sent_back", "type": "ke-hoach", "signer": "chair",
     "to": ["nn-mt", "vp-ubnd"], "subject": "Phòng, chống thiên tai và tìm kiếm cứu nạn năm {next}",
     "note": "Đề nghị bổ sung phương án sơ tán dân tại khu vực có nguy cơ sạt lở (tổ 5, khu 3) và danh sách lực "
             "lượng xung kích của từng khu phố.",
     "body": ["Căn cứ Luật Phòng, chống thiên tai;",
              "Ủy ban nhân dân phường Hạ Long xây dựng Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm "
              "{next} theo phương châm “bốn tại chỗ”."]},
    {"key": "phong-trao-van-hoa", "state": "to_sign", "type": "bao-cao", "signer": "chair",
     "to": ["vh-tt", "vp-ubnd"],
     "subject": "Kết quả thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” năm {year}",
     "body": ["Ủy ban nhân dân phường Hạ Long báo cáo kết quả thực hiện phong trào “Toàn dân đoàn kết xây dựng "
              "đời sống văn hóa” năm {year} như sau:",
              "Toàn phường có 3.426/3.612 hộ gia đình đạt danh hiệu “Gia đình văn hóa” (đạt 94,9%); 12/12 khu dân "
              "cư giữ vững danh hiệu “Khu dân cư văn hóa”."]},
    {"key": "giay-moi-tong-ket", "state": "to_sign", "type": "giay-moi", "signer": "chair",
     "to": ["unit:VP", "unit:VHXH", "unit:KT"],
     "subject": "Dự Hội nghị tổng kết công tác văn hóa - xã hội năm {year}, triển khai nhiệm vụ năm {next}",
     "body": ["Ủy ban nhân dân phường Hạ Long trân trọng kính mời đại diện lãnh đạo các đơn vị dự Hội nghị tổng "
              "kết công tác văn hóa - xã hội năm {year}.",
              "Thời gian: 08 giờ 00, tại Hội trường Ủy ban nhân dân phường."]},
    {"key": "tiep-cong-dan", "state": "to_sign", "type": "thong-bao", "signer": "vice",
     "to": ["unit:VP", "vp-ubnd"],
     "subject": "Lịch tiếp công dân định kỳ của lãnh đạo Ủy ban nhân dân phường tháng 01 năm {next}",
     "body": ["Chủ tịch Ủy ban nhân dân phường tiếp công dân định kỳ vào ngày 15 hằng tháng tại Trụ sở tiếp công "
              "dân phường; các Phó Chủ tịch tiếp công dân vào thứ Năm hằng tuần."]},
    {"key": "qd-ban-to-chuc", "state": "signed", "type": "quyet-dinh", "signer": "vice",
     "to": ["unit:VHXH", "unit:VP"],
     "subject": "Về việc thành lập Ban Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {year} phường Hạ Long",
     "body": ["CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG HẠ LONG",
              "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
              "Điều 1. Thành lập Ban Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {year} phường Hạ Long.",
              "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."]},
    {"key": "bc-thien-tai", "state": "issued", "type": "bao-cao", "signer": "vice", "to": ["vp-ubnd"],
     "office": "directed", "subject": "Kết quả công tác phòng, chống thiên tai năm {year}",
     "body": ["Năm {year}, trên địa bàn phường xảy ra 02 đợt mưa lớn gây sạt lở đất tại tổ 5, khu 3; không có "
              "thiệt hại về người. Ủy ban nhân dân phường đã chủ động sơ tán 14 hộ dân đến nơi an toàn."]},
    {"key": "bc-nhanh-mua-lon", "state": "issued", "type": "bao-cao", "signer": "vice", "to": ["vp-ubnd"],
     "urgency": 3, "office": "registered",
     "subject": "Tình hình thiệt hại do mưa lớn, sạt lở đất tại tổ 5, khu 3, phường Hạ Long (báo cáo nhanh)",
     "body": ["Do ảnh hưởng của mưa lớn kéo dài, đêm qua tại tổ 5, khu 3 xảy ra sạt lở taluy dương làm hư hỏng "
              "02 nhà ở. Ủy ban nhân dân phường đã sơ tán 06 hộ với 21 nhân khẩu đến nơi an toàn."]},
    {"key": "kinh-phi-nha-van-hoa", "state": "issued", "type": "cong-van", "signer": "vice", "to": ["vp-ubnd"],
     "office": "arrived", "subject": "Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa khu phố 5",
     "body": ["Nhà văn hóa khu phố 5 được xây dựng từ năm 2005, hiện đã xuống cấp nghiêm trọng.",
              "Ủy ban nhân dân phường Hạ Long kính đề nghị Ủy ban nhân dân tỉnh xem xét, hỗ trợ kinh phí sửa chữa."]},
    {"key": "tra-loi-gia-dinh-van-hoa", "state": "issued", "type": "bao-cao", "signer": "vice", "to": ["vh-tt"],
     "reply_to": "paper:vhtt-gia-dinh-van-hoa",
     "subject": "Kết quả bình xét danh hiệu Gia đình văn hóa, Khu dân cư văn hóa năm {year}",
     "body": ["Thực hiện Công văn số 2150/SVHTT-QLVH của Sở Văn hóa và Thể thao, Ủy ban nhân dân phường Hạ Long "
              "báo cáo kết quả bình xét như sau:",
              "Số hộ đạt danh hiệu “Gia đình văn hóa”: 3.426 hộ; số khu dân cư đạt danh hiệu “Khu dân cư văn hóa”: "
              "12/12."]},
    {"key": "thong-bao-giao-ban", "state": "recalled", "type": "thong-bao", "signer": "vice", "to": ["vp-ubnd"],
     "office": "registered",
     "reason": "Ban hành nhầm bản dự thảo chưa hoàn chỉnh; văn bản thay thế sẽ được ban hành sau.",
     "subject": "Kết luận của lãnh đạo Ủy ban nhân dân phường tại cuộc họp giao ban tháng 11 năm {year}",
     "body": ["Ngày 28 tháng 11, Ủy ban nhân dân phường tổ chức họp giao ban. Lãnh đạo Ủy ban nhân dân phường kết "
              "luận như sau:"]},
]

# What the provincial People's Committee's Office issued to the ward (signed by its chief, lanhdao.vpubnd),
# and what the ward did with it: arrived, registered, or directed to the specialist (who is drafting the
# answer, OUTGOING "nha-van-hoa-tra-loi").
OFFICE = [
    {"key": "ngay-hoi-bao-cao", "type": "cong-van", "urgency": 1, "ward": "arrived",
     "subject": "Báo cáo kết quả tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {year}",
     "body": ["Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Văn phòng Ủy ban nhân dân tỉnh đề nghị Ủy ban nhân dân "
              "các xã, phường báo cáo kết quả tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {year}."]},
    {"key": "nha-van-hoa", "type": "cong-van", "ward": "started", "days": 5,
     "subject": "Rà soát, báo cáo số liệu nhà văn hóa khu dân cư năm {year}",
     "body": ["Để tổng hợp, báo cáo Ủy ban nhân dân tỉnh, Văn phòng Ủy ban nhân dân tỉnh đề nghị Ủy ban nhân dân "
              "các xã, phường rà soát số lượng, hiện trạng nhà văn hóa khu dân cư trên địa bàn."]},
    {"key": "nghi-tet", "type": "thong-bao", "ward": "registered",
     "subject": "Lịch nghỉ Tết Dương lịch năm {next} đối với cán bộ, công chức, viên chức",
     "body": ["Văn phòng Ủy ban nhân dân tỉnh thông báo lịch nghỉ Tết Dương lịch năm {next} đối với cán bộ, công "
              "chức, viên chức các cơ quan hành chính nhà nước trên địa bàn tỉnh."]},
]
OFFICE_AUTHORITY = "CHÁNH VĂN PHÒNG"

# Work files (hồ sơ công việc) of the ward: (kept by, unit, number, title, retention, working days since it
# was opened, closed, the documents in it by key).
WORK_FILES = [
    ("chuyenvien.halong", "VHXH", "VHXH.03", "Hồ sơ tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {year}",
     "10 năm", 20, False, ["paper:mttq-ngay-hoi", "out:qd-ban-to-chuc"]),
    ("vanthu.halong", "VP", "VP.12", "Hồ sơ ứng phó mưa lớn, sạt lở đất tại tổ 5, khu 3 năm {year}", "Vĩnh viễn",
     10, True, ["out:bc-nhanh-mua-lon", "out:bc-thien-tai"]),
]
