"""A province for petition tests: the dossier tests' world (tests.dossiers.factories), plus the provincial
centre's hotline officer and leader, and a department (Sở Tư pháp) with its own leader and specialist, so
petitions can be forwarded and agencies kept apart. ``filed`` walks a petition in; the rest walk it along
through the real services."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import User
from feedback.models import Petition
from feedback.services import (
    PetitionInput,
    petition_approve_answer,
    petition_classify,
    petition_propose_answer,
    petition_submit,
)
from tests.dossiers.factories import World, make_world
from tests.factories import AgencyFactory, UserFactory


@dataclass
class FeedbackWorld:
    base: World
    hotline: User  # the province's hotline officer (at the provincial centre's agency)
    centre_leader: User  # a leader of the provincial centre's agency, where unrouted petitions arrive
    centre_officer: User
    justice: object  # Sở Tư pháp
    justice_leader: User
    justice_specialist: User

    def __getattr__(self, name):
        return getattr(self.base, name)

    def data(self, **overrides) -> PetitionInput:
        values = {"title": "Cán bộ hẹn đi hẹn lại nhiều lần", "content": "Tôi nộp hồ sơ từ tháng trước, cán bộ "
                  "Lê Văn Cường hẹn đi hẹn lại. Số điện thoại của tôi 0912 345 678.",
                  "name": "Nguyễn Văn An", "address": "Tổ 1, khu 2, phường Hạ Long", "phone": "0912345678",
                  "email": "an@example.vn"}
        values.update(overrides)
        return PetitionInput(**values)


def make_feedback_world(**kwargs) -> FeedbackWorld:
    base = make_world(**kwargs)
    centre_agency = base.provincial_centre.agency
    justice = AgencyFactory(code="000.04.00.H49", name="Sở Tư pháp", unit=base.province_agency.unit)
    return FeedbackWorld(
        base=base,
        hotline=UserFactory(username="tongdai", role=User.Role.HOTLINE, agency=centre_agency,
                            full_name="Đỗ Thị Hương", email="tongdai@example.vn"),
        centre_leader=UserFactory(username="lanhdao.tinh", role=User.Role.LEADER, agency=centre_agency,
                                  full_name="Ngô Văn Khánh", email="khanh@example.vn"),
        centre_officer=base.provincial_officer,
        justice=justice,
        justice_leader=UserFactory(username="lanhdao.stp", role=User.Role.LEADER, agency=justice,
                                   full_name="Bùi Thị Lan", email="lan@example.vn"),
        justice_specialist=UserFactory(username="chuyenvien.stp", role=User.Role.SPECIALIST, agency=justice,
                                       full_name="Đinh Văn Minh"),
    )


def filed(world: FeedbackWorld, *, citizen: User | None = None, channel=Petition.Channel.ONLINE,
          **overrides) -> Petition:
    """A petition sent online (by ``citizen``'s account when given), received by the provincial centre."""
    return petition_submit(data=world.data(**overrides), channel=channel, citizen=citizen)


def in_progress(world: FeedbackWorld, **kwargs) -> Petition:
    petition = filed(world, **kwargs)
    return petition_classify(petition=petition, actor=world.centre_leader, category=Petition.Category.CONDUCT,
                             handler=world.centre_officer)


def answered(world: FeedbackWorld, *, publish: bool = True, **kwargs) -> Petition:
    petition = in_progress(world, **kwargs)
    petition_propose_answer(petition=petition, actor=world.centre_officer,
                            answer="Trung tâm đã làm việc với cán bộ Lê Văn Cường và trả kết quả cho ông Nguyễn Văn An.")
    return petition_approve_answer(petition=petition, actor=world.centre_leader, publish=publish)
