import datetime as dt
from pathlib import Path

from tests.dossiers.test_slips import *  # noqa

OUT = Path("/tmp/slips/out")


def test_dump(world, frozen):
    OUT.mkdir(parents=True, exist_ok=True)
    d = received(world)
    (OUT / "01.pdf").write_bytes(slip_pdf(fresh(world, d), "01"))
    frozen.shift(dt.timedelta(hours=1))
    step_complete(dossier=d, position=1, user=world.officer, note="Hồ sơ đủ thành phần")
    step_take(dossier=d, position=2, user=world.specialist)
    dossier_request_supplement(dossier=d, user=world.specialist, reason="Giấy chứng sinh bị mờ, không đọc được",
                               items=["Giấy chứng sinh (bản rõ nét)", "Tờ khai có chữ ký"])
    (OUT / "02.pdf").write_bytes(slip_pdf(fresh(world, d), "02"))
    frozen.shift(dt.timedelta(days=1))
    dossier_supplement(dossier=d, user=world.citizen, uploads={world.components[1].pk: pdf_upload("giay-chung-sinh-moi.pdf")})
    dossier_extend(dossier=d, user=world.specialist, new_due_at=d.due_at + dt.timedelta(days=5) if False else Dossier.objects.get(pk=d.pk).due_at + dt.timedelta(days=3), reason="Cần xác minh thông tin với cơ quan khác")
    (OUT / "04.pdf").write_bytes(slip_pdf(fresh(world, d), "04"))
    step_complete(dossier=d, position=2, user=world.specialist)
    step_return(dossier=d, position=3, user=world.leader, note="Dự thảo sai tên cha")
    step_complete(dossier=d, position=2, user=world.specialist)
    step_complete(dossier=d, position=3, user=world.leader, generate_result=True)
    step_complete(dossier=d, position=4, user=world.clerk)
    dossier_return(dossier=d, user=world.officer)
    (OUT / "06.pdf").write_bytes(slip_pdf(fresh(world, d), "06"))
    (OUT / "result.pdf").write_bytes(Dossier.objects.get(pk=d.pk).result_file.read())
    r = submitted(world, name="Trần Thị Bích", cccd="001195054321")
    dossier_refuse(dossier=r, officer=world.officer, reason="Thủ tục không thuộc thẩm quyền tiếp nhận của Trung tâm")
    (OUT / "03.pdf").write_bytes(slip_pdf(fresh(world, r), "03"))
    s = received(world)
    dossier_stop(dossier=s, user=world.officer, reason="Người nộp hồ sơ đã chết")
    (OUT / "05.pdf").write_bytes(slip_pdf(fresh(world, s), "05"))
    (OUT / "07.pdf").write_bytes(tracking_book_pdf(centre=world.centre, start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 31)))
    (OUT / "07.xlsx").write_bytes(tracking_book_xlsx(centre=world.centre, start=dt.date(2026, 12, 1), end=dt.date(2026, 12, 31)))
