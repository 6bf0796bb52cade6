"""The kinds of administrative document of Decree 30/2020/NĐ-CP art. 7 and their abbreviations (Appendix III
§I), and the copy forms. Abbreviations are kept exactly as the decree writes them: QyĐ, CTr, TTr and TrS are
mixed case and are never upper-cased. Công văn and thư công have none."""

# (code, Vietnamese name, English name, abbreviation)
DOCUMENT_TYPES: tuple[tuple[str, str, str, str], ...] = (
    ("nghi-quyet", "Nghị quyết", "Resolution", "NQ"),
    ("quyet-dinh", "Quyết định", "Decision", "QĐ"),
    ("chi-thi", "Chỉ thị", "Directive", "CT"),
    ("quy-che", "Quy chế", "Regulation (quy chế)", "QC"),
    ("quy-dinh", "Quy định", "Regulation (quy định)", "QyĐ"),
    ("thong-cao", "Thông cáo", "Communiqué", "TC"),
    ("thong-bao", "Thông báo", "Notice", "TB"),
    ("huong-dan", "Hướng dẫn", "Guidance", "HD"),
    ("chuong-trinh", "Chương trình", "Programme", "CTr"),
    ("ke-hoach", "Kế hoạch", "Plan", "KH"),
    ("phuong-an", "Phương án", "Scheme (phương án)", "PA"),
    ("de-an", "Đề án", "Scheme (đề án)", "ĐA"),
    ("du-an", "Dự án", "Project", "DA"),
    ("bao-cao", "Báo cáo", "Report", "BC"),
    ("bien-ban", "Biên bản", "Minutes", "BB"),
    ("to-trinh", "Tờ trình", "Submission", "TTr"),
    ("hop-dong", "Hợp đồng", "Contract", "HĐ"),
    ("cong-van", "Công văn", "Official letter", ""),
    ("cong-dien", "Công điện", "Official telegram", "CĐ"),
    ("ban-ghi-nho", "Bản ghi nhớ", "Memorandum of understanding", "BGN"),
    ("ban-thoa-thuan", "Bản thỏa thuận", "Agreement", "BTT"),
    ("giay-uy-quyen", "Giấy ủy quyền", "Power of attorney", "GUQ"),
    ("giay-moi", "Giấy mời", "Invitation", "GM"),
    ("giay-gioi-thieu", "Giấy giới thiệu", "Letter of introduction", "GGT"),
    ("giay-nghi-phep", "Giấy nghỉ phép", "Leave permit", "GNP"),
    ("phieu-gui", "Phiếu gửi", "Dispatch slip", "PG"),
    ("phieu-chuyen", "Phiếu chuyển", "Transfer slip", "PC"),
    ("phieu-bao", "Phiếu báo", "Notification slip", "PB"),
    ("thu-cong", "Thư công", "Official correspondence", ""),
    ("ban-sao-y", "Bản sao y", "Certified copy", "SY"),
    ("ban-trich-sao", "Bản trích sao", "Extract copy", "TrS"),
    ("ban-sao-luc", "Bản sao lục", "Transcribed copy", "SL"),
)

# Kinds of document a dossier's result is issued as, besides those of art. 7 (the migration 0008_res seeds it;
# dossiers.services.results restores it if an admin removed it).
RESULT_TYPES: tuple[tuple[str, str, str, str], ...] = (
    ("trich-luc-khai-sinh", "Trích lục khai sinh", "Birth registration extract", "TLKS"),
)
