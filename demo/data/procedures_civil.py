"""Commune-level procedures of the justice sector: civil status, certification, adoption, mediation.

Codes: real national codes where the sources in SOURCES.md give them; the ones marked
"# illustrative code" are plausible codes in the national format, not checked against the national
database. Times follow the Law on Civil Status and Decrees 123/2015 and 23/2015; fees marked
"illustrative" are plausible amounts where the province's council sets the level."""

from demo.data.catalogue import (
    AUTHORISATION,
    COMMUNE,
    COMMUNE_PC,
    DAYS,
    FREE,
    FULL,
    ID_SHOWN,
    NONE,
    PARTIAL,
    WD,
    WH,
    Spec,
    doc,
    fee,
    optional,
)

HO_TICH = (
    "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP; "
    "Nghị định số 120/2025/NĐ-CP về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực "
    "quản lý nhà nước của Bộ Tư pháp; Thông tư số 85/2019/TT-BTC"
)
CHUNG_THUC = "Nghị định số 23/2015/NĐ-CP; Thông tư số 01/2020/TT-BTP; Thông tư số 226/2016/TT-BTC"
SAME_DAY = {"time": "8", "unit": WH, "cutoff": "15:00"}
EXEMPT = (fee("Miễn lệ phí (Điều 11 Luật Hộ tịch)", "Exempt (Law on Civil Status, art. 11)", 0),)


def civil(code, name, name_en, result, result_en, components, *, fees=EXEMPT, online=PARTIAL, payment="none",
          **timing):
    timing = timing or SAME_DAY
    return Spec(code=code, name=name, name_en=name_en, field="ho-tich", level=COMMUNE, agency=COMMUNE_PC,
                result=result, result_en=result_en, legal_basis=HO_TICH, components=components, fees=fees,
                online=online, payment=payment, **timing)


PROCEDURES = [
    civil("1.001193", "Đăng ký khai sinh", "Birth registration",
          "Giấy khai sinh (bản chính)", "Birth certificate (original)",
          (doc("Tờ khai đăng ký khai sinh (theo mẫu)", "Birth registration form"),
           doc("Giấy chứng sinh hoặc giấy tờ thay thế", "Medical birth notice or a substitute document"),
           ID_SHOWN, AUTHORISATION), online=FULL),
    civil("1.000894", "Đăng ký kết hôn", "Marriage registration",
          "Giấy chứng nhận kết hôn", "Marriage certificate",
          (doc("Tờ khai đăng ký kết hôn (theo mẫu)", "Marriage registration form"),
           optional("Giấy xác nhận tình trạng hôn nhân (nếu cư trú ở nơi khác)",
                    "Certificate of marital status (if resident elsewhere)"),
           ID_SHOWN)),
    civil("1.000656", "Đăng ký khai tử", "Death registration",
          "Trích lục khai tử", "Death registration extract",
          (doc("Tờ khai đăng ký khai tử (theo mẫu)", "Death registration form"),
           doc("Giấy báo tử hoặc giấy tờ thay thế giấy báo tử", "Death notice or a substitute document"),
           ID_SHOWN), online=FULL),
    civil("1.001022", "Đăng ký nhận cha, mẹ, con", "Registration of recognition of parents and children",
          "Trích lục đăng ký nhận cha, mẹ, con", "Extract of the recognition of parents and children",
          (doc("Tờ khai đăng ký nhận cha, mẹ, con (theo mẫu)", "Recognition form"),
           doc("Văn bản của cơ quan y tế, giám định xác nhận quan hệ cha, mẹ, con hoặc chứng cứ khác",
               "Medical or forensic proof of the parent–child relationship, or other evidence"),
           ID_SHOWN),
          fees=(fee("Lệ phí đăng ký nhận cha, mẹ, con", "Registration fee", 15_000),),  # illustrative amount
          time="3", unit=WD),
    civil("1.000689", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con",
          "Birth registration combined with recognition of parents and children",
          "Giấy khai sinh; Trích lục đăng ký nhận cha, mẹ, con", "Birth certificate and recognition extract",
          (doc("Tờ khai đăng ký khai sinh và Tờ khai đăng ký nhận cha, mẹ, con", "Birth and recognition forms"),
           doc("Giấy chứng sinh hoặc giấy tờ thay thế", "Medical birth notice or a substitute document"),
           doc("Chứng cứ chứng minh quan hệ cha, mẹ, con", "Evidence of the parent–child relationship"),
           ID_SHOWN),
          fees=(fee("Lệ phí đăng ký nhận cha, mẹ, con", "Recognition fee", 15_000),),  # illustrative amount
          time="3", unit=WD),
    civil("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "Certificate of marital status",
          "Giấy xác nhận tình trạng hôn nhân", "Certificate of marital status",
          (doc("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)", "Application form"),
           optional("Bản án, quyết định ly hôn hoặc trích lục khai tử của vợ/chồng (nếu có)",
                    "Divorce judgment or the spouse's death extract (if any)", 0, 1),
           ID_SHOWN),
          fees=(fee("Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", "Certificate fee", 15_000),),  # illustrative
          online=FULL, time="3", unit=WD),
    civil("1.004884", "Đăng ký lại khai sinh", "Re-registration of a birth",
          "Giấy khai sinh (đăng ký lại)", "Birth certificate (re-registered)",
          (doc("Tờ khai đăng ký lại khai sinh (theo mẫu)", "Re-registration form"),
           doc("Bản sao giấy tờ có thông tin khai sinh trước đây", "Copy of a document with the earlier birth data",
               0, 1),
           ID_SHOWN),
          fees=(fee("Lệ phí đăng ký lại khai sinh", "Re-registration fee", 5_000),), time="5", unit=WD),  # illustrative
    civil("1.005461", "Đăng ký lại khai tử", "Re-registration of a death",
          "Trích lục khai tử (đăng ký lại)", "Death extract (re-registered)",
          (doc("Tờ khai đăng ký lại khai tử (theo mẫu)", "Re-registration form"),
           doc("Bản sao Giấy chứng tử trước đây hoặc giấy tờ liên quan", "Copy of the earlier death certificate",
               0, 1)),
          fees=(fee("Lệ phí đăng ký lại khai tử", "Re-registration fee", 5_000),), time="5", unit=WD),  # illustrative
    civil("1.004746", "Đăng ký lại kết hôn", "Re-registration of a marriage",
          "Giấy chứng nhận kết hôn (đăng ký lại)", "Marriage certificate (re-registered)",
          (doc("Tờ khai đăng ký lại kết hôn (theo mẫu)", "Re-registration form"),
           doc("Bản sao Giấy chứng nhận kết hôn trước đây", "Copy of the earlier marriage certificate", 0, 1),
           ID_SHOWN),
          fees=(fee("Lệ phí đăng ký lại kết hôn", "Re-registration fee", 5_000),), time="5", unit=WD),  # illustrative
    civil("1.004859",  # illustrative code
          "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc",
          "Change, correction or completion of civil-status data; re-determination of ethnicity",
          "Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch", "Extract of the change",
          (doc("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", "Application form"),
           doc("Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung", "Documents supporting the change", 0, 1),
           ID_SHOWN),
          fees=(fee("Lệ phí thay đổi, cải chính hộ tịch", "Change fee", 15_000),), time="3", unit=WD),  # illustrative
    civil("1.004837", "Đăng ký giám hộ", "Guardianship registration",  # illustrative code
          "Trích lục đăng ký giám hộ", "Guardianship extract",
          (doc("Tờ khai đăng ký giám hộ (theo mẫu)", "Guardianship form"),
           doc("Văn bản cử người giám hộ", "Appointment of the guardian"), ID_SHOWN)),
    civil("1.004845", "Đăng ký chấm dứt giám hộ", "Registration of the end of a guardianship",
          "Trích lục đăng ký chấm dứt giám hộ", "Extract of the end of the guardianship",
          (doc("Tờ khai đăng ký chấm dứt giám hộ (theo mẫu)", "Application form"),
           doc("Giấy tờ làm căn cứ chấm dứt giám hộ", "Documents showing why the guardianship ends", 0, 1)),
          time="2", unit=WD),
    civil("2.000635", "Cấp bản sao Trích lục hộ tịch", "Copy of a civil-status extract",
          "Bản sao Trích lục hộ tịch", "Copy of the civil-status extract",
          (doc("Tờ khai cấp bản sao trích lục hộ tịch (theo mẫu)", "Request form"), ID_SHOWN),
          fees=(fee("Phí cấp bản sao trích lục hộ tịch (mỗi bản)", "Fee per copy", 8_000),), online=FULL,
          payment="before_submission"),  # paid online before the dossier is sent (the demo's paid dossier)
    civil("2.000528", "Đăng ký khai sinh có yếu tố nước ngoài", "Birth registration with a foreign element",
          "Giấy khai sinh (bản chính)", "Birth certificate (original)",
          (doc("Tờ khai đăng ký khai sinh (theo mẫu)", "Birth registration form"),
           doc("Giấy chứng sinh hoặc giấy tờ thay thế", "Medical birth notice or a substitute document"),
           optional("Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con",
                    "Parents' agreement on the child's nationality"),
           doc("Hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu của cha/mẹ là người nước ngoài",
               "Passport of the foreign parent", 0, 1)),
          fees=(fee("Lệ phí đăng ký khai sinh có yếu tố nước ngoài", "Registration fee", 50_000),),  # illustrative
          payment="on_request"),  # paid online once the officer has checked the dossier
    civil("2.000806", "Đăng ký kết hôn có yếu tố nước ngoài", "Marriage registration with a foreign element",
          "Giấy chứng nhận kết hôn", "Marriage certificate",
          (doc("Tờ khai đăng ký kết hôn (theo mẫu)", "Marriage registration form"),
           doc("Giấy xác nhận của tổ chức y tế về việc không mắc bệnh tâm thần", "Medical certificate"),
           doc("Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài (hợp pháp hóa lãnh sự)",
               "Foreign party's proof of marital status (legalised)"),
           doc("Hộ chiếu của người nước ngoài", "Passport of the foreign party", 0, 1), ID_SHOWN),
          fees=(fee("Lệ phí đăng ký kết hôn có yếu tố nước ngoài", "Registration fee", 1_000_000),),  # illustrative
          time="10", unit=WD),
    civil("1.000593", "Đăng ký kết hôn lưu động", "Mobile marriage registration",
          "Giấy chứng nhận kết hôn", "Marriage certificate",
          (doc("Tờ khai đăng ký kết hôn (theo mẫu)", "Marriage registration form"), ID_SHOWN),
          online=NONE, time="5", unit=WD),
    civil("1.000419", "Đăng ký khai tử lưu động", "Mobile death registration",
          "Trích lục khai tử", "Death registration extract",
          (doc("Tờ khai đăng ký khai tử (theo mẫu)", "Death registration form"),
           doc("Giấy báo tử hoặc giấy tờ thay thế giấy báo tử", "Death notice or a substitute document")),
          online=NONE, time="5", unit=WD),
]


def certification(code, name, name_en, components, fees, *, online=NONE, **timing):
    timing = timing or SAME_DAY
    return Spec(code=code, name=name, name_en=name_en, field="chung-thuc", level=COMMUNE, agency=COMMUNE_PC,
                result="Bản sao/giấy tờ được chứng thực", result_en="Certified copy or document",
                legal_basis=CHUNG_THUC, components=components, fees=fees, online=online, **timing)


PAGE_FEES = (
    fee("Trang thứ nhất và thứ hai: 2.000 đồng/trang", "First and second page: 2,000 VND per page", 2_000),
    fee("Từ trang thứ ba: 1.000 đồng/trang, tối đa 200.000 đồng/bản",
        "From the third page: 1,000 VND per page, at most 200,000 VND per copy", 1_000),
)
PROCEDURES += [
    certification("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền "
                  "của Việt Nam cấp hoặc chứng nhận", "Certified copy from an original issued in Viet Nam",
                  (doc("Bản chính giấy tờ, văn bản làm cơ sở chứng thực bản sao", "The original document"),
                   doc("Bản sao cần chứng thực", "The copy to certify", 0, 1)), PAGE_FEES, online=PARTIAL),
    certification("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "Certification of a signature",
                  (doc("Giấy tờ, văn bản cần chứng thực chữ ký", "The document to be signed"), ID_SHOWN),
                  (fee("Lệ phí chứng thực chữ ký (mỗi trường hợp)", "Fee per signature", 10_000),)),
    certification("2.001008", "Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên "
                  "dịch thuật", "Certification of a translator's signature (not a registered collaborator)",
                  (doc("Bản dịch và giấy tờ cần dịch", "The translation and the translated document"),
                   doc("Bằng cử nhân ngoại ngữ hoặc bằng tốt nghiệp đại học ở nước ngoài của người dịch",
                       "The translator's language degree", 0, 1), ID_SHOWN),
                  (fee("Lệ phí chứng thực chữ ký người dịch (mỗi trường hợp)", "Fee per signature", 10_000),)),
    certification("2.000942", "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực",
                  "Certified copy of a certified contract",
                  (doc("Đơn đề nghị cấp bản sao có chứng thực", "Request form"), ID_SHOWN), PAGE_FEES,
                  time="2", unit=WD),
    certification("2.001035",  # illustrative code
                  "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
                  "Certification of a contract about movable property",
                  (doc("Dự thảo hợp đồng, giao dịch", "Draft contract"),
                   doc("Giấy tờ chứng minh quyền sở hữu tài sản", "Proof of ownership of the property", 0, 1),
                   ID_SHOWN),
                  (fee("Lệ phí chứng thực hợp đồng, giao dịch", "Fee per contract", 50_000),), time="2", unit=WD),
    Spec(code="2.001263", name="Đăng ký việc nuôi con nuôi trong nước", name_en="Domestic adoption registration",
         field="nuoi-con-nuoi", level=COMMUNE, agency=COMMUNE_PC, time="30", unit=DAYS,
         result="Giấy chứng nhận việc nuôi con nuôi", result_en="Adoption certificate",
         legal_basis="Luật Nuôi con nuôi số 52/2010/QH12; Nghị định số 19/2011/NĐ-CP; Nghị định số "
                     "24/2019/NĐ-CP; Nghị định số 114/2016/NĐ-CP",
         components=(doc("Đơn xin nhận con nuôi (theo mẫu)", "Application to adopt"),
                     doc("Phiếu lý lịch tư pháp của người nhận con nuôi", "Adopter's judicial record"),
                     doc("Văn bản xác nhận tình trạng hôn nhân của người nhận con nuôi", "Adopter's marital status"),
                     doc("Giấy khám sức khỏe của người nhận con nuôi", "Adopter's health certificate"),
                     doc("Giấy khai sinh và giấy khám sức khỏe của người được nhận làm con nuôi",
                         "Birth certificate and health certificate of the child", 0, 1),
                     doc("Văn bản đồng ý của cha mẹ đẻ hoặc người giám hộ", "Consent of the birth parents or guardian")),
         fees=(fee("Lệ phí đăng ký nuôi con nuôi trong nước", "Registration fee", 400_000),)),
    Spec(code="2.000950", name="Công nhận tổ trưởng tổ hòa giải", name_en="Recognition of a mediation team leader",
         field="hoa-giai-co-so", level=COMMUNE, agency=COMMUNE_PC, time="3", unit=WD,
         result="Quyết định công nhận tổ trưởng tổ hòa giải", result_en="Recognition decision",
         legal_basis="Luật Hòa giải ở cơ sở số 35/2013/QH13; Nghị định số 15/2014/NĐ-CP",
         components=(doc("Văn bản đề nghị của Trưởng ban công tác Mặt trận ở thôn, tổ dân phố",
                         "Proposal of the residential area's Front committee"),
                     doc("Biên bản bầu tổ trưởng tổ hòa giải", "Minutes of the election")),
         fees=FREE, online=NONE),
    Spec(code="2.000930", name="Thôi làm hòa giải viên", name_en="Withdrawal of a mediator",
         field="hoa-giai-co-so", level=COMMUNE, agency=COMMUNE_PC, time="5", unit=WD,
         result="Quyết định thôi làm hòa giải viên", result_en="Decision on the withdrawal",
         legal_basis="Luật Hòa giải ở cơ sở số 35/2013/QH13; Nghị định số 15/2014/NĐ-CP",
         components=(doc("Văn bản đề nghị thôi làm hòa giải viên", "Request to withdraw"),
                     doc("Văn bản đề xuất của tổ trưởng tổ hòa giải", "Proposal of the mediation team leader")),
         fees=FREE, online=NONE),
]
