"""The demo's arrivals (AXIS_MOCK_DEMO=true, set by ``make run`` and docker-compose, off otherwise): when the
province registers an organ for the first time, the other province, Ủy ban nhân dân tỉnh Nghệ An, sends it one
official letter a few seconds later, signed like any of its documents. A newcomer who starts the portal thus
finds a document that came over the axis in the ward's and the Office's incoming queues with no hand step; the
next ones are sent with ``POST /admin/send``. The plan is in the mock's database (``Store.register_organ``), so
it is sent once per organ, even across restarts."""

from __future__ import annotations

import datetime as dt
import logging
import time

from axis.mock import outgoing
from axis.mock.organs import vietnam_now
from axis.mock.pki import Pki
from axis.mock.store import Store

logger = logging.getLogger("axis.mock")

NGHE_AN = "000.00.00.H41"
DEFAULT_DELAY_SECONDS = 3.0
DUE_IN_DAYS = 10


def letter(sender: str, recipient_name: str) -> dict:
    """The /admin/send values of the letter ``sender`` writes to our organ: an ordinary công văn asking to
    share experience, with a reply date, as provinces write to one another."""
    due = vietnam_now().date() + dt.timedelta(days=DUE_IN_DAYS)
    return {
        "from": sender,
        "type_name": "Công văn",
        "subject": "Về việc trao đổi kinh nghiệm vận hành chính quyền địa phương hai cấp và Trung tâm Phục vụ "
                   "hành chính công cấp xã",
        "content": (
            "Thực hiện chủ trương sắp xếp đơn vị hành chính và tổ chức chính quyền địa phương hai cấp, Ủy ban "
            "nhân dân tỉnh Nghệ An đang tổng hợp kinh nghiệm vận hành Trung tâm Phục vụ hành chính công cấp xã, "
            "tiếp nhận và giải quyết thủ tục hành chính trên môi trường điện tử. "
            f"Ủy ban nhân dân tỉnh Nghệ An đề nghị {recipient_name} chia sẻ quy trình, tài liệu hướng dẫn và kết "
            "quả triển khai thực tế tại đơn vị; văn bản trả lời gửi qua Trục liên thông văn bản quốc gia trước "
            f"ngày {due:%d/%m/%Y}.\n"
            "Thông tin chi tiết xin liên hệ Văn phòng Ủy ban nhân dân tỉnh Nghệ An (bà Hồ Thị Lan).\n"
            "Trân trọng cảm ơn sự phối hợp của Quý cơ quan."),
        "signer_competence": "KT. CHỦ TỊCH",
        "due_date": due.strftime("%Y/%m/%d"),
        "priority": 0,
    }


class DemoArrivals:
    """Sends the planned letters that fell due; run on each tick of the external organs' loop."""

    def __init__(self, store: Store, pki: Pki, *, delay: float = DEFAULT_DELAY_SECONDS):
        self.store, self.pki = store, pki
        self.plan = [(NGHE_AN, delay)]

    def tick(self, now: float | None = None) -> None:
        for row in self.store.demo_arrivals_due(time.time() if now is None else now):
            organ_id, sender = row["organ_id"], row["sender"]
            organ = self.store.organ(organ_id)
            try:
                sent = outgoing.send({**letter(sender, organ["name"] if organ else organ_id), "to": organ_id},
                                     store=self.store, pki=self.pki)
            except outgoing.SendError as error:
                logger.warning("demo: %s could not send %s its letter: %s", sender, organ_id, error.message)
                self.store.demo_arrival_done(organ_id=organ_id, sender=sender, sent=False)
                continue
            self.store.demo_arrival_done(organ_id=organ_id, sender=sender, sent=True)
            logger.info("demo: %s sent %s to %s", sender, sent["document_id"], organ_id)
