"""Provincial-level procedures, received and returned at the provincial centre and resolved by a
department (sở) or the provincial police.

Codes marked "# illustrative code" and fees marked "illustrative" are plausible values, not checked
against the national database (see SOURCES.md)."""

from demo.data.catalogue import DAYS, FULL, ID_SHOWN, PARTIAL, PROVINCE, WD, WH, Spec, doc, fee, optional

DOANH_NGHIEP = "Luật Doanh nghiệp số 59/2020/QH14; Nghị định số 168/2025/NĐ-CP về đăng ký doanh nghiệp; Thông tư số 47/2019/TT-BTC"
DAT_DAI = "Luật Đất đai số 31/2024/QH15; Nghị định số 101/2024/NĐ-CP; Thông tư số 85/2019/TT-BTC"
ATTP = "Luật An toàn thực phẩm số 55/2010/QH12; Nghị định số 15/2018/NĐ-CP; Thông tư số 67/2021/TT-BTC"
DU_LICH = "Luật Du lịch số 09/2017/QH14; Nghị định số 168/2017/NĐ-CP; Thông tư số 33/2018/TT-BTC; Thông tư số 34/2018/TT-BTC"
ENTERPRISE_FEES = (
    fee("Lệ phí đăng ký doanh nghiệp (miễn khi nộp hồ sơ trực tuyến)", "Registration fee (free online)", 50_000),
    fee("Phí công bố nội dung đăng ký doanh nghiệp", "Publication fee", 100_000),
)
ENTERPRISE_RESULT = ("Giấy chứng nhận đăng ký doanh nghiệp", "Enterprise registration certificate")
ENTERPRISE_FORM = doc("Giấy đề nghị đăng ký doanh nghiệp (theo mẫu)", "Enterprise registration application")
LEGAL_IDS = doc("Bản sao giấy tờ pháp lý của cá nhân đối với người đại diện theo pháp luật",
                "Copy of the legal representative's identity papers", 0, 1)
CHARTER = doc("Điều lệ công ty", "Company charter")


def provincial(code, name, name_en, field, agency, legal, result, result_en, components, fees, time, unit=WD,
               **extra):
    return Spec(code=code, name=name, name_en=name_en, field=field, level=PROVINCE, agency=agency, time=time,
                unit=unit, result=result, result_en=result_en, legal_basis=legal, components=components,
                fees=fees, **extra)


PROCEDURES = [
    provincial("2.000488",  # illustrative code
               "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
               "Judicial record certificate for Vietnamese citizens and resident foreigners", "ly-lich-tu-phap",
               "cong-an", "Luật Lý lịch tư pháp số 28/2009/QH12; Nghị định số 111/2010/NĐ-CP; Thông tư số 244/2016/TT-BTC",
               "Phiếu lý lịch tư pháp", "Judicial record certificate",
               (doc("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (theo mẫu)", "Request form"), ID_SHOWN),
               (fee("Phí cung cấp thông tin lý lịch tư pháp", "Judicial record fee", 200_000),
                fee("Sinh viên, người có công với cách mạng, thân nhân liệt sĩ", "Students and people with merit", 100_000)),
               "10", online=FULL, post=True),
    provincial("2.001610",  # illustrative code
               "Đăng ký thành lập doanh nghiệp tư nhân", "Registration of a private enterprise", "doanh-nghiep",
               "tai-chinh", DOANH_NGHIEP, *ENTERPRISE_RESULT, (ENTERPRISE_FORM, LEGAL_IDS), ENTERPRISE_FEES, "3",
               online=FULL, post=True),
    provincial("2.002041",  # illustrative code
               "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
               "Registration of a single-member limited liability company", "doanh-nghiep", "tai-chinh", DOANH_NGHIEP,
               *ENTERPRISE_RESULT,
               (ENTERPRISE_FORM, CHARTER, LEGAL_IDS,
                doc("Bản sao giấy tờ pháp lý của chủ sở hữu công ty", "Copy of the owner's legal papers", 0, 1)),
               ENTERPRISE_FEES, "3", online=FULL, post=True),
    provincial("2.002042",  # illustrative code
               "Đăng ký thành lập công ty cổ phần", "Registration of a joint-stock company", "doanh-nghiep",
               "tai-chinh", DOANH_NGHIEP, *ENTERPRISE_RESULT,
               (ENTERPRISE_FORM, CHARTER,
                doc("Danh sách cổ đông sáng lập và cổ đông là nhà đầu tư nước ngoài", "List of founding shareholders"),
                LEGAL_IDS,
                optional("Giấy chứng nhận đăng ký đầu tư (nhà đầu tư nước ngoài)", "Investment certificate (foreign investors)",
                         0, 1)),
               ENTERPRISE_FEES, "3", online=FULL, post=True),
    provincial("2.001199",  # illustrative code
               "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", "Change of enterprise registration details",
               "doanh-nghiep", "tai-chinh", DOANH_NGHIEP, *ENTERPRISE_RESULT,
               (doc("Thông báo thay đổi nội dung đăng ký doanh nghiệp (theo mẫu)", "Notice of change"),
                doc("Nghị quyết, quyết định của chủ sở hữu, Hội đồng thành viên hoặc Đại hội đồng cổ đông",
                    "Resolution of the owner, members' council or shareholders' meeting")),
               ENTERPRISE_FEES, "3", online=FULL),
    provincial("2.001240",  # illustrative code
               "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của doanh nghiệp",
               "Notice of an enterprise's suspension or early resumption of business", "doanh-nghiep", "tai-chinh",
               DOANH_NGHIEP, "Giấy xác nhận về việc doanh nghiệp đăng ký tạm ngừng kinh doanh",
               "Confirmation of the suspension",
               (doc("Thông báo tạm ngừng kinh doanh (theo mẫu)", "Notice of suspension"),
                doc("Nghị quyết, quyết định về việc tạm ngừng kinh doanh", "Resolution on the suspension")),
               (fee("Không thu lệ phí", "No fee", 0),), "3", online=FULL),
    provincial("1.012790",  # illustrative code
               "Đăng ký biến động quyền sử dụng đất do chuyển nhượng, tặng cho, thừa kế",
               "Registration of a transfer, gift or inheritance of land-use rights", "dat-dai", "vpdk-dat-dai", DAT_DAI,
               "Giấy chứng nhận quyền sử dụng đất hoặc xác nhận thay đổi trên Giấy chứng nhận đã cấp",
               "Land-use right certificate, or the change endorsed on the existing one",
               (doc("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)", "Change registration form"),
                doc("Hợp đồng, văn bản chuyển nhượng, tặng cho, thừa kế đã công chứng, chứng thực",
                    "Notarised transfer, gift or inheritance document"),
                doc("Bản gốc Giấy chứng nhận đã cấp", "The original certificate")),
               (fee("Lệ phí cấp Giấy chứng nhận", "Certificate fee", 50_000),), "10", online=PARTIAL),  # illustrative
    provincial("1.012801",  # illustrative code
               "Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất", "Re-issue of a lost land-use right certificate",
               "dat-dai", "vpdk-dat-dai", DAT_DAI, "Giấy chứng nhận quyền sử dụng đất (cấp lại)", "Re-issued certificate",
               (doc("Đơn đề nghị cấp lại Giấy chứng nhận (theo mẫu)", "Re-issue request"),
                doc("Giấy xác nhận của công an cấp xã về việc mất giấy tờ", "Police confirmation of the loss")),
               (fee("Lệ phí cấp lại Giấy chứng nhận", "Re-issue fee", 50_000),), "10"),  # illustrative
    provincial("1.012795",  # illustrative code
               "Tách thửa hoặc hợp thửa đất", "Division or merger of land plots", "dat-dai", "vpdk-dat-dai", DAT_DAI,
               "Giấy chứng nhận quyền sử dụng đất cho các thửa đất mới", "Certificates for the new plots",
               (doc("Đơn đề nghị tách thửa, hợp thửa đất (theo mẫu)", "Division or merger request"),
                doc("Bản gốc Giấy chứng nhận đã cấp", "The original certificate"),
                doc("Bản vẽ tách thửa, hợp thửa đất", "Plot division or merger drawing")),
               (fee("Lệ phí cấp Giấy chứng nhận", "Certificate fee", 50_000),), "15"),  # illustrative
    provincial("1.009974",  # illustrative code
               "Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II",
               "Construction permit for grade I and II works", "xay-dung", "xay-dung",
               "Luật Xây dựng số 50/2014/QH13, sửa đổi bởi Luật số 62/2020/QH14; Nghị định số 175/2024/NĐ-CP",
               "Giấy phép xây dựng", "Construction permit",
               (doc("Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)", "Permit application (Form 01)"),
                doc("Giấy tờ hợp pháp về quyền sử dụng đất", "Proof of the land-use right", 0, 1),
                doc("Quyết định phê duyệt dự án, văn bản thông báo kết quả thẩm định", "Project approval and appraisal",
                    0, 1),
                doc("Bản vẽ thiết kế xây dựng", "Design drawings", 2, 0)),
               (fee("Lệ phí cấp giấy phép xây dựng công trình", "Permit fee (works)", 150_000),), "20", unit=DAYS),
    provincial("1.001610",  # illustrative code
               "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống",
               "Food safety certificate for a catering business", "an-toan-thuc-pham", "y-te", ATTP,
               "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "Food safety certificate",
               (doc("Đơn đề nghị cấp Giấy chứng nhận (theo mẫu)", "Application"),
                doc("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ", "Description of premises and equipment"),
                doc("Danh sách người trực tiếp kinh doanh đã được xác nhận kiến thức về an toàn thực phẩm",
                    "Staff certified in food safety knowledge"),
                doc("Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp kinh doanh", "Health certificates", 0, 1)),
               (fee("Phí thẩm định: phục vụ dưới 200 suất ăn", "Appraisal fee: under 200 meals", 700_000),
                fee("Phí thẩm định: phục vụ từ 200 suất ăn trở lên", "Appraisal fee: 200 meals or more", 1_000_000)),
               "20"),
    provincial("2.000591",  # illustrative code
               "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất thực phẩm",
               "Food safety certificate for a food producer", "an-toan-thuc-pham", "cong-thuong", ATTP,
               "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "Food safety certificate",
               (doc("Đơn đề nghị cấp Giấy chứng nhận (theo mẫu)", "Application"),
                doc("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ sản xuất",
                    "Description of premises and equipment"),
                doc("Giấy xác nhận đã được tập huấn kiến thức an toàn thực phẩm", "Food safety training certificates")),
               (fee("Phí thẩm định cơ sở sản xuất nhỏ lẻ", "Appraisal fee: small producer", 500_000),
                fee("Phí thẩm định cơ sở sản xuất khác", "Appraisal fee: other producers", 2_500_000)),
               "20"),
    provincial("1.012283",  # illustrative code
               "Cấp giấy phép hành nghề khám bệnh, chữa bệnh", "Medical practice licence", "kham-chua-benh", "y-te",
               "Luật Khám bệnh, chữa bệnh số 15/2023/QH15; Nghị định số 96/2023/NĐ-CP",
               "Giấy phép hành nghề khám bệnh, chữa bệnh", "Medical practice licence",
               (doc("Đơn đề nghị cấp giấy phép hành nghề (theo mẫu)", "Application"),
                doc("Bản sao văn bằng chuyên môn", "Copy of the professional degree", 0, 1),
                doc("Giấy chứng nhận đủ sức khỏe để hành nghề", "Fitness-to-practise health certificate"),
                doc("Giấy xác nhận hoàn thành thực hành khám bệnh, chữa bệnh", "Certificate of completed practice"),
                optional("Giấy chứng nhận kết quả kiểm tra đánh giá năng lực", "Competence assessment result", 0, 1)),
               (fee("Phí thẩm định cấp giấy phép hành nghề", "Appraisal fee", 360_000),), "30", unit=DAYS),  # illustrative
    provincial("1.004616",  # illustrative code
               "Cấp Chứng chỉ hành nghề dược", "Pharmacy practice certificate", "duoc", "y-te",
               "Luật Dược số 105/2016/QH13; Nghị định số 54/2017/NĐ-CP; Thông tư số 277/2016/TT-BTC",
               "Chứng chỉ hành nghề dược", "Pharmacy practice certificate",
               (doc("Đơn đề nghị cấp Chứng chỉ hành nghề dược (theo mẫu)", "Application"),
                doc("Bản sao văn bằng chuyên môn", "Copy of the professional degree", 0, 1),
                doc("Giấy xác nhận thời gian thực hành chuyên môn", "Certificate of professional practice"),
                doc("Giấy chứng nhận đủ sức khỏe hành nghề dược", "Health certificate"),
                doc("Ảnh chân dung cỡ 4cm x 6cm", "Portrait photo 4 × 6 cm", 2, 0)),
               (fee("Phí thẩm định cấp Chứng chỉ hành nghề dược", "Appraisal fee", 500_000),), "20"),
    provincial("2.001914",  # illustrative code
               "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "Copy of a diploma from the master register", "giao-duc",
               "gd-dt", "Luật Giáo dục số 43/2019/QH14; Thông tư số 21/2019/TT-BGDĐT",
               "Bản sao văn bằng, chứng chỉ từ sổ gốc", "Copy of the diploma from the master register",
               (doc("Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc (theo mẫu)", "Request form"), ID_SHOWN),
               (fee("Không thu phí", "No fee", 0),), "8", unit=WH, cutoff="15:00", online=FULL, post=True),
    provincial("1.005095",  # illustrative code
               "Chuyển trường đối với học sinh trung học phổ thông", "Transfer of an upper-secondary student",
               "giao-duc", "gd-dt", "Luật Giáo dục số 43/2019/QH14; Thông tư số 32/2020/TT-BGDĐT",
               "Văn bản đồng ý tiếp nhận học sinh chuyển trường", "Acceptance of the transfer",
               (doc("Đơn xin chuyển trường của cha, mẹ hoặc người giám hộ", "Transfer request of the parents"),
                doc("Học bạ (bản chính)", "School record (original)"),
                doc("Giấy giới thiệu chuyển trường của trường nơi đi", "Release letter of the current school")),
               (fee("Không thu phí", "No fee", 0),), "3"),
    provincial("1.001432",  # illustrative code
               "Cấp thẻ hướng dẫn viên du lịch nội địa", "Domestic tour guide card", "du-lich", "du-lich", DU_LICH,
               "Thẻ hướng dẫn viên du lịch nội địa", "Domestic tour guide card",
               (doc("Đơn đề nghị cấp thẻ hướng dẫn viên du lịch (theo mẫu)", "Application"),
                doc("Sơ yếu lý lịch có xác nhận", "Certified curriculum vitae"),
                doc("Bản sao có chứng thực văn bằng hoặc chứng chỉ nghiệp vụ hướng dẫn du lịch nội địa",
                    "Certified copy of the tour-guide qualification", 0, 1),
                doc("Giấy chứng nhận sức khỏe (trong thời hạn 06 tháng)", "Health certificate (under 6 months old)"),
                doc("Ảnh chân dung cỡ 3cm x 4cm", "Portrait photo 3 × 4 cm", 2, 0)),
               (fee("Phí thẩm định cấp thẻ hướng dẫn viên du lịch nội địa", "Appraisal fee", 650_000),), "10",
               unit=DAYS, online=FULL),
    provincial("1.001455",  # illustrative code
               "Công nhận hạng cơ sở lưu trú du lịch hạng 1 sao, 2 sao", "Rating of tourist accommodation (1–2 stars)",
               "du-lich", "du-lich", DU_LICH, "Quyết định công nhận hạng cơ sở lưu trú du lịch",
               "Rating decision",
               (doc("Đơn đề nghị công nhận hạng cơ sở lưu trú du lịch (theo mẫu)", "Application"),
                doc("Bản tự đánh giá chất lượng cơ sở lưu trú du lịch theo tiêu chuẩn quốc gia", "Self-assessment"),
                doc("Danh sách người quản lý và nhân viên", "List of managers and staff")),
               (fee("Phí thẩm định công nhận hạng 1 sao, 2 sao", "Appraisal fee (1–2 stars)", 1_500_000),), "30",
               unit=DAYS),
    provincial("1.014199", "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
               "Work permit for a foreign employee", "lao-dong", "noi-vu",
               "Bộ luật Lao động số 45/2019/QH14 và các văn bản hướng dẫn về người lao động nước ngoài làm việc tại Việt Nam",
               "Giấy phép lao động", "Work permit",
               (doc("Văn bản đề nghị cấp giấy phép lao động của người sử dụng lao động", "Employer's request"),
                doc("Giấy chứng nhận sức khỏe", "Health certificate"),
                doc("Phiếu lý lịch tư pháp hoặc văn bản xác nhận không phải là người phạm tội", "Criminal record"),
                doc("Văn bản chứng minh là nhà quản lý, chuyên gia hoặc lao động kỹ thuật", "Proof of the position", 0, 1),
                doc("Bản sao hộ chiếu còn giá trị", "Copy of a valid passport", 0, 1),
                doc("Ảnh màu cỡ 4cm x 6cm", "Colour photo 4 × 6 cm", 2, 0)),
               (fee("Lệ phí cấp giấy phép lao động", "Work permit fee", 600_000),), "10", online=FULL),  # illustrative
    provincial("1.010727",  # illustrative code
               "Cấp giấy phép môi trường (thẩm quyền cấp tỉnh)", "Environmental licence (provincial)", "moi-truong",
               "nn-mt", "Luật Bảo vệ môi trường số 72/2020/QH14; Nghị định số 08/2022/NĐ-CP; Nghị định số 05/2025/NĐ-CP",
               "Giấy phép môi trường", "Environmental licence",
               (doc("Văn bản đề nghị cấp giấy phép môi trường (theo mẫu)", "Application"),
                doc("Báo cáo đề xuất cấp giấy phép môi trường", "Environmental licence report"),
                optional("Bản sao báo cáo nghiên cứu khả thi hoặc thiết kế cơ sở", "Copy of the feasibility study", 0, 1)),
               (fee("Phí thẩm định cấp giấy phép môi trường", "Appraisal fee", 15_000_000),), "30", unit=DAYS),  # illustrative
]
