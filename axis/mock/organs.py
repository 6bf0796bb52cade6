"""The organs outside the province, as the mock axis plays them: the seeded directory, each organ's
behaviour (the delays of its statuses, a refusal, its answer to a revocation), and the background loop
that makes them act like real document-management systems.

Each tick (every ~0.15 s) an organ takes what landed in its mailbox (acknowledging it itself):
- a document package (new, update or replacement) is checked — its XML signature (without a trust list,
  as the organ holds none of the province's roots) and a PDF among its files. A failed check, or a
  ``refuse`` behaviour, is answered with status 02 and the reason; otherwise statuses 01, 03, 04, 05 and 06
  are scheduled at the configured delays after the package's arrival;
- a revocation of a document it received is answered with ``change_answer`` (15 by default, cancelling
  the statuses not yet sent about that document) — with 16 when it never received the document;
- a status message is kept (GET /admin/received shows it) and needs no answer.
Then it sends the statuses now due, each a Status message signed with the organ's certificate, into the
mailbox of the document's sender. The schedule is in the database, so a restart only delays them."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from axis import edxml, xmlsig
from axis.mock.pki import Pki
from axis.mock.store import Store

logger = logging.getLogger("axis.mock")

EXTERNAL = {
    "000.00.00.G09": "Bộ Nội vụ",
    "000.00.00.G22": "Văn phòng Chính phủ",
    "000.00.00.H41": "Ủy ban nhân dân tỉnh Nghệ An",
}
PROGRESS = (edxml.ARRIVED, edxml.REGISTERED, edxml.ASSIGNED, edxml.IN_PROGRESS, edxml.DONE)
CHANGE_ANSWERS = (edxml.CHANGE_AGREED, edxml.CHANGE_REFUSED)
DEFAULT_DELAYS = "01=1,03=4,04=8,05=12,06=20"
VIETNAM = dt.timezone(dt.timedelta(hours=7))


@dataclass(frozen=True)
class Profile:
    """How an organ signs its documents and who answers for it (invented people)."""

    place: str
    notation: str
    department: str
    clerk: str
    signer_position: str
    signer_name: str


PROFILES = {
    "000.00.00.G09": Profile("Hà Nội", "BNV-CQĐP", "Vụ Chính quyền địa phương", "Trần Thị Thu Hà",
                             "Thứ trưởng", "Nguyễn Văn Bình"),
    "000.00.00.G22": Profile("Hà Nội", "VPCP-TH", "Vụ Tổng hợp", "Lê Thị Minh Phương",
                             "Phó Chủ nhiệm", "Phạm Quang Huy"),
    "000.00.00.H41": Profile("Nghệ An", "UBND-VX", "Văn phòng Ủy ban nhân dân tỉnh", "Hồ Thị Lan",
                             "Phó Chủ tịch", "Đặng Văn Cường"),
}


def vietnam_now() -> dt.datetime:
    """edXML timestamps carry no zone: they are Vietnam's local time."""
    return dt.datetime.now(VIETNAM).replace(tzinfo=None)


def parse_delays(text: str) -> dict[str, float]:
    """"01=1,03=4" → {"01": 1.0, "03": 4.0}; only the progress codes 01, 03, 04, 05 and 06."""
    delays = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        code, _, seconds = item.partition("=")
        if code.strip() not in PROGRESS or float(seconds) < 0:
            raise ValueError(f"bad status delay {item!r}: expected e.g. {DEFAULT_DELAYS}")
        delays[code.strip()] = float(seconds)
    return delays


def _answered(package: edxml.Package) -> dict:
    """What a status about ``package`` answers (its ResponseFor), as stored with the schedule."""
    return {"organ_id": package.sender.organ_id, "code": f"{package.code_number}/{package.code_notation}",
            "promulgation_date": package.promulgation_date.strftime(edxml.DATE) if package.promulgation_date else "",
            "document_id": package.document_id}


def _examine(body: bytes) -> tuple[edxml.Package | None, dict, str]:
    """(the package as signed, what a status about it answers, why it is refused or "")."""
    try:
        root = edxml.parse(body)
    except edxml.PackageError as error:
        return None, {}, error.detail
    try:
        signed_root, _signer = xmlsig.verify(body, root, trust_roots=None)
        package = edxml.read_package(signed_root)
    except edxml.PackageError as error:
        try:  # the status still says which document it refuses, from what the package claims
            answered = _answered(edxml.read_package(root))
        except edxml.PackageError:
            route = edxml.route(root)
            answered = {"organ_id": route.sender, "code": "", "promulgation_date": "",
                        "document_id": route.document_id}
        return None, answered, error.detail
    if package.business != edxml.REVOCATION and not any(a.content.startswith(b"%PDF-")
                                                         for a in package.attachments):
        return package, _answered(package), "Gói tin không kèm tệp văn bản điện tử (PDF)."
    return package, _answered(package), ""


class Organs:
    def __init__(self, store: Store, pki: Pki, *, delays: dict[str, float]):
        self.store, self.pki, self.delays = store, pki, delays

    # Behaviour ------------------------------------------------------------------------------------------

    def behaviour(self, organ_id: str) -> dict:
        return {"organ": organ_id, "delays": dict(self.delays), "refuse": None, "change_answer": edxml.CHANGE_AGREED,
                **self.store.behaviour(organ_id)}

    def set_behaviour(self, values: dict) -> list[dict]:
        """Change the behaviour of one external organ (``organ``) or of all; ValueError when a value is
        not one the mock understands."""
        organ = values.get("organ")
        if organ is not None and organ not in EXTERNAL:
            raise ValueError(f"{organ!r} is not an external organ")
        delays = values.get("delays")
        if delays is not None and not (isinstance(delays, dict) and all(
                code in PROGRESS and (seconds is None or (isinstance(seconds, int | float) and seconds >= 0))
                for code, seconds in delays.items())):
            raise ValueError('delays: {"01": seconds, ...} for 01, 03, 04, 05, 06 (null: never sent)')
        refuse = values.get("refuse")
        if refuse is not None and not (isinstance(refuse, str) and 0 < len(refuse) <= 400):
            raise ValueError("refuse: a reason (1 to 400 characters) or null")
        if "change_answer" in values and values["change_answer"] not in CHANGE_ANSWERS:
            raise ValueError('change_answer: "15" or "16"')
        changed = []
        for organ_id in [organ] if organ else list(EXTERNAL):
            current = self.behaviour(organ_id)
            if delays is not None:
                merged = {**current["delays"], **delays}
                current["delays"] = {code: float(s) for code, s in sorted(merged.items()) if s is not None}
            if "refuse" in values:
                current["refuse"] = refuse
            if "change_answer" in values:
                current["change_answer"] = values["change_answer"]
            self.store.set_behaviour(organ_id, {k: current[k] for k in ("delays", "refuse", "change_answer")})
            changed.append(current)
        return changed

    # The loop -------------------------------------------------------------------------------------------

    def run(self, stop: threading.Event, *, interval: float = 0.15, also: Sequence[Callable[[], None]] = ()) -> None:
        """Tick until ``stop``; ``also``: more of the organs' doings on the same beat (the demo's arrivals)."""
        while not stop.wait(interval):
            for tick in (self.tick, *also):
                try:
                    tick()
                except Exception:  # the loop must outlive one bad message; the error is logged, not hidden
                    logger.exception("the external organs' tick failed")

    def tick(self, now: float | None = None) -> None:
        for arrival in self.store.arrivals():
            try:
                self._take(arrival)
            except Exception:  # one bad message must not block the mailbox: logged, then put aside
                logger.exception("an external organ could not take message %s", arrival["id"])
                self.store.take(entry_id=arrival["id"], organ_id=arrival["organ_id"], schedule=[])
        for row in self.store.due(time.time() if now is None else now):
            self._send(row)

    def _take(self, arrival: dict) -> None:
        organ_id, entry_id = arrival["organ_id"], arrival["id"]
        if arrival["kind"] != "edoc":
            return self.store.take(entry_id=entry_id, organ_id=organ_id, schedule=[])
        behaviour = self.behaviour(organ_id)
        package, answered, problem = _examine(arrival["body"])
        if not answered:  # not even XML: nobody to answer
            logger.warning("%s took an unreadable message %s: %s", organ_id, entry_id, problem)
            return self.store.take(entry_id=entry_id, organ_id=organ_id, schedule=[])

        def answer(code: str, description: str, due_at: float | None = None) -> dict:
            return {"organ_id": organ_id, "answered": answered, "status_code": code, "description": description,
                    "due_at": time.time() if due_at is None else due_at}

        if package is not None and package.business == edxml.REVOCATION and not problem:
            return self._revocation(entry_id, organ_id, package, behaviour, answer)
        if problem or behaviour["refuse"]:
            reason = problem or behaviour["refuse"]
            return self.store.take(entry_id=entry_id, organ_id=organ_id, schedule=[answer(edxml.REFUSED, f"Từ chối tiếp nhận: {reason}")])
        schedule = [answer(code, self._description(organ_id, code), arrival["created_at"] + seconds)
                    for code, seconds in behaviour["delays"].items()]
        self.store.take(entry_id=entry_id, organ_id=organ_id, schedule=sorted(schedule, key=lambda item: item["due_at"]))

    def _revocation(self, entry_id: str, organ_id: str, package: edxml.Package, behaviour: dict, answer) -> None:
        reason = f" ({package.business_reason})" if package.business_reason else ""
        if not self.store.received_document(organ_id=organ_id, document_id=package.document_id):
            return self.store.take(entry_id=entry_id, organ_id=organ_id, schedule=[answer(
                edxml.CHANGE_REFUSED, "Không tìm thấy văn bản đề nghị thu hồi trong hệ thống của cơ quan.")])
        if behaviour["change_answer"] == edxml.CHANGE_REFUSED:
            return self.store.take(entry_id=entry_id, organ_id=organ_id, schedule=[answer(
                edxml.CHANGE_REFUSED, "Không đồng ý thu hồi: văn bản đã được phân công xử lý.")])
        self.store.take(entry_id=entry_id, organ_id=organ_id, cancel_document=package.document_id,
                        schedule=[answer(edxml.CHANGE_AGREED, f"Đồng ý thu hồi văn bản{reason}.")])

    def _description(self, organ_id: str, code: str) -> str:
        profile = PROFILES[organ_id]
        if code == edxml.ARRIVED:
            return f"Văn bản đã đến hệ thống quản lý văn bản và điều hành của {EXTERNAL[organ_id]}."
        if code == edxml.REGISTERED:
            number = self.store.next_number(f"register:{organ_id}:{vietnam_now().year}")
            return f"Văn thư đã tiếp nhận, vào sổ đến số {number}."
        if code == edxml.ASSIGNED:
            return f"Lãnh đạo đã phân công {profile.department} chủ trì xử lý."
        if code == edxml.IN_PROGRESS:
            return f"{profile.department} đang xử lý văn bản."
        return "Đã hoàn thành xử lý văn bản."

    def _send(self, row: dict) -> None:
        organ_id, answered = row["organ_id"], row["answered"]
        profile = PROFILES[organ_id]
        date = answered["promulgation_date"]
        status = edxml.Status(
            response_for=edxml.ResponseFor(
                organ_id=answered["organ_id"], code=answered["code"], document_id=answered["document_id"],
                promulgation_date=dt.datetime.strptime(date, edxml.DATE).date() if date else None),
            sender=edxml.Organ(organ_id, EXTERNAL[organ_id]), code=row["status_code"], timestamp=vietnam_now(),
            description=row["description"], staff=profile.clerk, department=profile.department)
        body = self.pki.sign(organ_id, edxml.build_status(status))
        self.store.send_scheduled(schedule_id=row["id"], recipient=answered["organ_id"], organ_id=organ_id, body=body,
                                  status_code=row["status_code"], document_id=answered["document_id"],
                                  description=row["description"][:500])
