"""Commune-level procedures outside justice: household businesses, land, construction, residence, social
assistance, culture and education. Since 1 July 2025 these are resolved by the commune-level People's
Committee (residence: the commune police) that receives the dossier.

Codes marked "# illustrative code" and fees marked "illustrative" are plausible values, not checked
against the national database (see SOURCES.md)."""

from demo.data.catalogue import (
    AUTHORISATION,
    COMMUNE,
    COMMUNE_PC,
    DAYS,
    FREE,
    FULL,
    PARTIAL,
    WD,
    Spec,
    doc,
    fee,
    optional,
)

HKD = "Luật Doanh nghiệp số 59/2020/QH14; Nghị định số 168/2025/NĐ-CP về đăng ký doanh nghiệp; Thông tư số 85/2019/TT-BTC"
DAT_DAI = (
    "Luật Đất đai số 31/2024/QH15; Nghị định số 101/2024/NĐ-CP; Nghị định số 151/2025/NĐ-CP về phân định "
    "thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực đất đai"
)
XAY_DUNG = (
    "Luật Xây dựng số 50/2014/QH13, sửa đổi bởi Luật số 62/2020/QH14; Nghị định số 175/2024/NĐ-CP; "
    "Thông tư số 85/2019/TT-BTC"
)
# Residence registrations end in a notice and an update of the residence database: no paper original.
CU_TRU = "Luật Cư trú số 68/2020/QH14; Nghị định số 154/2024/NĐ-CP; Thông tư số 55/2021/TT-BCA; Thông tư số 75/2022/TT-BTC"
BTXH = "Nghị định số 20/2021/NĐ-CP; Nghị định số 76/2024/NĐ-CP"
KHUYET_TAT = "Luật Người khuyết tật số 51/2010/QH12; Nghị định số 28/2012/NĐ-CP; Thông tư số 01/2019/TT-BLĐTBXH"


def commune(code, name, name_en, field, legal, result, result_en, components, fees, time, unit=WD, **extra):
    return Spec(code=code, name=name, name_en=name_en, field=field, level=COMMUNE, agency=extra.pop("agency", COMMUNE_PC),
                time=time, unit=unit, result=result, result_en=result_en, legal_basis=legal,
                components=components, fees=fees, **extra)


HKD_FORM = doc("Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)", "Household business registration form")
HKD_CERT = ("Giấy chứng nhận đăng ký hộ kinh doanh", "Household business registration certificate")
# Land and construction procedures pass through the provincial land registration office.
LAND_STEPS = (
    ("Tiếp nhận, kiểm tra, số hóa hồ sơ và chuyển xử lý", "Receive, check and digitise the dossier",
     "officer", "1", None),
    ("Kiểm tra hiện trạng, xác nhận nguồn gốc, thời điểm sử dụng đất", "Inspect the site and confirm the land's origin",
     "specialist", "8", None),
    ("Cập nhật hồ sơ địa chính, in Giấy chứng nhận", "Update the cadastral records and print the certificate",
     "specialist", "7", "vpdk-dat-dai"),
    ("Xem xét, ký Giấy chứng nhận", "Review and sign the certificate", "leader", "3", None),
    ("Vào sổ cấp Giấy chứng nhận, chuyển kết quả", "Register the certificate and send the result",
     "clerk", "1", None),
)

PROCEDURES = [
    commune("2.000720", "Đăng ký thành lập hộ kinh doanh", "Household business registration", "ho-kinh-doanh",
            HKD, *HKD_CERT,
            (HKD_FORM,
             optional("Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh",
                      "Minutes of the household members' meeting"),
             optional("Bản sao hợp đồng thuê, mượn địa điểm kinh doanh", "Copy of the lease of the premises", 0, 1),
             AUTHORISATION),
            (fee("Lệ phí đăng ký hộ kinh doanh", "Registration fee", 100_000),), "3", online=FULL),  # illustrative
    commune("2.000719",  # illustrative code
            "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "Change of household business registration",
            "ho-kinh-doanh", HKD, *HKD_CERT,
            (doc("Thông báo thay đổi nội dung đăng ký hộ kinh doanh (theo mẫu)", "Notice of change"),
             optional("Biên bản họp thành viên hộ gia đình", "Minutes of the household members' meeting")),
            (fee("Lệ phí đăng ký thay đổi", "Change fee", 50_000),), "3", online=FULL),  # illustrative
    commune("1.001570", "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh",
            "Suspension or early resumption of a household business", "ho-kinh-doanh", HKD,
            "Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh", "Confirmation of the suspension",
            (doc("Thông báo tạm ngừng/tiếp tục kinh doanh (theo mẫu)", "Notice of suspension or resumption"),
             AUTHORISATION),
            FREE, "3", online=FULL),
    commune("1.001266", "Chấm dứt hoạt động hộ kinh doanh", "Closure of a household business", "ho-kinh-doanh",
            HKD, "Thông báo về việc chấm dứt hoạt động hộ kinh doanh", "Notice of closure",
            (doc("Thông báo chấm dứt hoạt động hộ kinh doanh (theo mẫu)", "Notice of closure"),
             doc("Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh", "Original registration certificate")),
            FREE, "3", online=FULL),
    commune("2.000575", "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh",
            "Re-issue of a household business registration certificate", "ho-kinh-doanh", HKD, *HKD_CERT,
            (doc("Giấy đề nghị cấp lại Giấy chứng nhận đăng ký hộ kinh doanh", "Request for re-issue"),
             optional("Bản gốc Giấy chứng nhận bị hư hỏng (nếu có)", "The damaged original certificate (if any)"),
             AUTHORISATION),
            (fee("Lệ phí cấp lại", "Re-issue fee", 50_000),), "3", online=FULL),  # illustrative
    commune("1.012753",  # illustrative code
            "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu cho cá nhân, hộ gia đình",
            "First registration of land and first issue of a land-use right certificate (individuals)",
            "dat-dai", DAT_DAI,
            "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            "Certificate of land-use rights and ownership of attached assets",
            (doc("Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu số 04/ĐK)", "Land registration form (04/ĐK)"),
             doc("Giấy tờ về quyền sử dụng đất theo Điều 137 Luật Đất đai (nếu có)",
                 "Documents on the land-use right (Land Law, art. 137)", 0, 1),
             optional("Mảnh trích đo bản đồ địa chính thửa đất", "Cadastral survey extract of the plot"),
             optional("Chứng từ thực hiện nghĩa vụ tài chính", "Receipts for land levies", 0, 1)),
            (fee("Lệ phí cấp Giấy chứng nhận", "Certificate fee", 100_000),), "20",  # illustrative
            steps=LAND_STEPS),
    commune("1.013027",  # illustrative code
            "Chuyển mục đích sử dụng đất đối với cá nhân", "Change of land-use purpose (individuals)",
            "dat-dai", DAT_DAI, "Quyết định cho phép chuyển mục đích sử dụng đất",
            "Decision allowing the change of land-use purpose",
            (doc("Đơn xin chuyển mục đích sử dụng đất (theo mẫu)", "Application form"),
             doc("Giấy chứng nhận quyền sử dụng đất (bản gốc)", "Land-use right certificate (original)")),
            (fee("Tiền sử dụng đất nộp theo thông báo của cơ quan thuế", "Land levy as notified by the tax office", 0),),
            "15"),
    commune("1.013225", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Construction permit for a private house",
            "xay-dung", XAY_DUNG, "Giấy phép xây dựng", "Construction permit",
            (doc("Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)", "Permit application (Form 01)"),
             doc("Giấy tờ hợp pháp về quyền sử dụng đất", "Proof of the land-use right", 0, 1),
             doc("Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng)", "Design drawings", 2, 0),
             optional("Cam kết bảo đảm an toàn đối với công trình liền kề", "Undertaking on neighbouring buildings")),
            (fee("Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ", "Permit fee (private house)", 75_000),),
            "15", unit=DAYS),
    commune("1.013227", "Gia hạn giấy phép xây dựng", "Extension of a construction permit", "xay-dung", XAY_DUNG,
            "Giấy phép xây dựng được gia hạn", "Extended construction permit",
            (doc("Đơn đề nghị gia hạn giấy phép xây dựng", "Extension request"),
             doc("Bản chính giấy phép xây dựng đã được cấp", "The original permit")),
            (fee("Lệ phí gia hạn giấy phép xây dựng", "Extension fee", 15_000),), "5"),
    commune("1.013228", "Cấp lại giấy phép xây dựng", "Re-issue of a construction permit", "xay-dung", XAY_DUNG,
            "Giấy phép xây dựng (cấp lại)", "Re-issued construction permit",
            (doc("Đơn đề nghị cấp lại giấy phép xây dựng, nêu rõ lý do", "Re-issue request stating the reason"),
             optional("Bản chính giấy phép xây dựng bị rách, nát", "The damaged original permit")),
            (fee("Lệ phí cấp lại giấy phép xây dựng", "Re-issue fee", 15_000),), "5"),
    commune("1.004222", "Đăng ký thường trú", "Permanent residence registration", "cu-tru", CU_TRU,
            "Thông báo kết quả đăng ký thường trú; cập nhật Cơ sở dữ liệu về cư trú",
            "Notice of registration; residence database updated",
            (doc("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)", "Residence change form (CT01)"),
             doc("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", "Proof of lawful residence", 0, 1)),
            (fee("Nộp hồ sơ trực tiếp: 20.000 đồng/lần đăng ký", "At the counter: 20,000 VND", 20_000),
             fee("Nộp hồ sơ trực tuyến: 10.000 đồng/lần đăng ký", "Online: 10,000 VND", 10_000)),
            "7", online=FULL, agency="cong-an", paper=False),
    commune("1.004194", "Đăng ký tạm trú", "Temporary residence registration", "cu-tru", CU_TRU,
            "Thông báo kết quả đăng ký tạm trú", "Notice of registration",
            (doc("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)", "Residence change form (CT01)"),
             doc("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", "Proof of lawful residence", 0, 1)),
            (fee("Nộp hồ sơ trực tiếp: 15.000 đồng/lần đăng ký", "At the counter: 15,000 VND", 15_000),
             fee("Nộp hồ sơ trực tuyến: 7.000 đồng/lần đăng ký", "Online: 7,000 VND", 7_000)),
            "3", online=FULL, agency="cong-an", paper=False),
    commune("1.002755", "Gia hạn tạm trú", "Extension of temporary residence", "cu-tru", CU_TRU,
            "Thông báo kết quả gia hạn tạm trú", "Notice of extension",
            (doc("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)", "Residence change form (CT01)"),
             doc("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", "Proof of lawful residence", 0, 1)),
            (fee("Nộp hồ sơ trực tiếp: 15.000 đồng/lần", "At the counter: 15,000 VND", 15_000),
             fee("Nộp hồ sơ trực tuyến: 7.000 đồng/lần", "Online: 7,000 VND", 7_000)),
            "3", online=FULL, agency="cong-an", paper=False),
    commune("1.004206",  # illustrative code
            "Xác nhận thông tin về cư trú", "Confirmation of residence information", "cu-tru", CU_TRU,
            "Giấy xác nhận thông tin về cư trú", "Confirmation of residence information",
            (doc("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)", "Residence form (CT01)"), AUTHORISATION),
            FREE, "1", online=FULL, agency="cong-an", paper=False),
    commune("1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng",
            "Monthly social allowance: grant, adjustment or end", "bao-tro-xa-hoi", BTXH,
            "Quyết định hưởng trợ cấp xã hội hằng tháng", "Decision on the monthly allowance",
            (doc("Tờ khai đề nghị trợ giúp xã hội (theo mẫu)", "Social assistance application"),
             optional("Giấy xác nhận khuyết tật (đối với người khuyết tật)", "Disability certificate (if disabled)", 0, 1)),
            FREE, "15", online=FULL),
    commune("1.001699", "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
            "Assessment of disability and disability certificate", "bao-tro-xa-hoi", KHUYET_TAT,
            "Giấy xác nhận khuyết tật", "Disability certificate",
            (doc("Đơn đề nghị xác định mức độ khuyết tật (Mẫu số 01)", "Application (Form 01)"),
             optional("Bản sao kết luận của Hội đồng Giám định y khoa (nếu có)", "Medical assessment (if any)", 0, 1)),
            FREE, "30", unit=DAYS),
    commune("1.001653", "Đổi, cấp lại Giấy xác nhận khuyết tật", "Renewal or re-issue of a disability certificate",
            "bao-tro-xa-hoi", KHUYET_TAT, "Giấy xác nhận khuyết tật", "Disability certificate",
            (doc("Đơn đề nghị đổi, cấp lại Giấy xác nhận khuyết tật", "Application"),
             optional("Giấy xác nhận khuyết tật cũ (trường hợp đổi)", "The old disability certificate (if renewing)")),
            FREE, "5"),
    commune("1.001731",  # illustrative code
            "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "Funeral allowance for social assistance beneficiaries",
            "bao-tro-xa-hoi", BTXH, "Quyết định hỗ trợ chi phí mai táng", "Decision on the funeral allowance",
            (doc("Tờ khai đề nghị hỗ trợ chi phí mai táng (theo mẫu)", "Application"),
             doc("Bản sao Trích lục khai tử", "Copy of the death extract", 0, 1)),
            FREE, "3", online=FULL),
    commune("1.001029",  # illustrative code
            "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", "Licence for karaoke services", "van-hoa",
            "Nghị định số 54/2019/NĐ-CP; Thông tư số 01/2021/TT-BTC",
            "Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", "Karaoke services licence",
            (doc("Đơn đề nghị cấp giấy phép (Mẫu số 01)", "Application (Form 01)"),
             doc("Bản vẽ mặt bằng, diện tích các phòng hát", "Floor plan of the rooms")),
            (fee("Phí thẩm định cấp giấy phép: từ 01 đến 03 phòng", "Appraisal fee: 1 to 3 rooms", 4_000_000),),  # illustrative
            "5"),
    commune("2.002894",  # illustrative code
            "Cho phép trường mầm non, nhà trẻ hoạt động giáo dục", "Permission for a preschool to operate",
            "giao-duc", "Luật Giáo dục số 43/2019/QH14; Nghị định số 125/2024/NĐ-CP",
            "Quyết định cho phép hoạt động giáo dục", "Decision permitting educational activities",
            (doc("Tờ trình đề nghị cho phép hoạt động giáo dục", "Request letter"),
             doc("Bản sao quyết định thành lập hoặc cho phép thành lập", "Copy of the founding decision", 0, 1),
             doc("Danh sách cán bộ quản lý, giáo viên, nhân viên kèm văn bằng", "Staff list with qualifications"),
             doc("Danh mục cơ sở vật chất, thiết bị dạy học", "List of facilities and teaching equipment")),
            FREE, "20", online=PARTIAL),
]
