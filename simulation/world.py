"""The simulated province: the loaded demo province (seeded when the database is empty), N communal
centres with a one-stop officer, a specialist, a leader and a clerk each, a pool of citizens with
well-formed CCCD numbers, the procedures those communes resolve on their own, and a few small real PDF
papers made once and reused.

Accounts are created through the accounts services and reused by later runs (matched by username). They
are simulated people who never log in: each gets a random password, hashed cheaply because nobody will
ever check it, and then made unusable, so no weak hash is ever stored."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass, field

import font_roboto
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Prefetch
from django.test.utils import override_settings
from fpdf import FPDF

from accounts.models import User
from accounts.services import citizen_register, official_create
from demo.services import demo_is_loaded, demo_seed
from procedures.models import InternalProcessStep, ProcedureVersion
from units.models import ServiceCentre

STAFF_ROLES = (User.Role.OFFICER, User.Role.SPECIALIST, User.Role.LEADER, User.Role.CLERK)
_ROLE_WORDS = {User.Role.OFFICER: "Một cửa", User.Role.SPECIALIST: "Chuyên viên",
               User.Role.LEADER: "Lãnh đạo", User.Role.CLERK: "Văn thư"}
_CHEAP_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Quảng Ninh's province code; the random part starts with 9 and carries the citizen's index, so simulated
# numbers never collide with the demo citizen's (022090012345).
_PROVINCE_CODE = "022"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = {"male": ["Văn", "Đức", "Minh", "Quang", "Hữu"], "female": ["Thị", "Ngọc", "Thu", "Thanh", "Kim"]}
GIVEN = {"male": ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Sơn", "Tuấn"],
         "female": ["Anh", "Chi", "Dung", "Giang", "Hà", "Hoa", "Lan", "Linh", "Mai", "Nga", "Thảo", "Yến"]}


@dataclass
class Commune:
    centre: ServiceCentre
    staff: dict[str, User]  # by role

    @property
    def label(self) -> str:
        return self.centre.name


@dataclass
class Person:
    name: str
    cccd: str
    phone: str
    date_of_birth: dt.date
    gender: str
    account: User | None = None


@dataclass
class World:
    communes: list[Commune]
    citizens: list[Person]
    online_versions: list[ProcedureVersion]
    counter_versions: list[ProcedureVersion]
    papers: dict[str, bytes] = field(default_factory=dict)
    created_accounts: int = 0
    seeded: bool = False

    def paper(self, kind: str, name: str) -> SimpleUploadedFile:
        """A fresh upload object over the same small PDF (an upload is read once by the services)."""
        return SimpleUploadedFile(f"{name}.pdf", self.papers[kind], content_type="application/pdf")


def person(index: int, rng: random.Random) -> Person:
    """A citizen with a CCCD number that passes the structural checks (province, century/gender, year)."""
    gender = rng.choice(["male", "female"])
    born = dt.date(rng.randint(1960, 1999), rng.randint(1, 12), rng.randint(1, 28))
    digit = "0" if gender == "male" else "1"
    cccd = f"{_PROVINCE_CODE}{digit}{born.year % 100:02d}9{index % 100000:05d}"
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
    phone = f"09{rng.randint(0, 99_999_999):08d}"
    return Person(name=name, cccd=cccd, phone=phone, date_of_birth=born, gender=gender)


def _pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_font("sim", fname=font_roboto.Roboto)
    pdf.add_page()
    pdf.set_font("sim", size=12)
    pdf.multi_cell(0, 7, text)
    return bytes(pdf.output())


def make_papers() -> dict[str, bytes]:
    return {
        "scan": _pdf("Bản quét giấy tờ (dữ liệu mô phỏng vận hành thử)"),
        "supplement": _pdf("Giấy tờ bổ sung, hoàn thiện hồ sơ (dữ liệu mô phỏng)"),
        "result": _pdf("Kết quả giải quyết thủ tục hành chính (dữ liệu mô phỏng)"),
    }


def _official(centre: ServiceCentre, role: str) -> tuple[User, bool]:
    username = f"sim-{centre.unit.code}-{role}"
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    with override_settings(PASSWORD_HASHERS=_CHEAP_HASHER):
        user = official_create(
            username=username, full_name=f"{_ROLE_WORDS[role]} mô phỏng {centre.unit.name}", role=role,
            agency=centre.agency, centre=centre if role == User.Role.OFFICER else None,
            password=secrets.token_urlsafe(24),
        )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user, True


def _citizen(p: Person) -> tuple[User, bool]:
    user = User.objects.filter(username=p.cccd).first()
    if user is not None:
        return user, False
    with override_settings(PASSWORD_HASHERS=_CHEAP_HASHER):
        user = citizen_register(cccd=p.cccd, full_name=p.name, date_of_birth=p.date_of_birth, gender=p.gender,
                                phone=p.phone, email="", password=secrets.token_urlsafe(24))
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user, True


def _self_contained(version: ProcedureVersion) -> bool:
    """Every step is worked by the receiving commune itself, in a role the commune's staff has."""
    steps = list(version.steps.all())
    return bool(steps) and all(s.responsible_agency_id is None and s.responsible_role in STAFF_ROLES
                               for s in steps)


def world_build(*, communes: int, citizens_per_commune: int, seed: int) -> World:
    """Everything the actors need, created where missing (idempotent)."""
    seeded = False
    if not demo_is_loaded():
        demo_seed()
        seeded = True
    centres = list(ServiceCentre.objects.filter(level=ServiceCentre.Level.COMMUNE, is_published=True)
                   .select_related("agency", "unit").order_by("unit__code")[:communes])
    if len(centres) < communes:
        raise ValueError(f"The province has {len(centres)} published communal centres; {communes} were asked for.")
    created = 0
    chosen = []
    for centre in centres:
        staff = {}
        for role in STAFF_ROLES:
            staff[role], new = _official(centre, role)
            created += new
        chosen.append(Commune(centre=centre, staff=staff))
    rng = random.Random(f"{seed}-citizens")
    people = [person(index, rng) for index in range(communes * citizens_per_commune)]
    # Two in three have an account and submit online; the others only come to a counter.
    for index, p in enumerate(people):
        if index % 3 != 2:
            p.account, new = _citizen(p)
            created += new
    versions = list(
        ProcedureVersion.objects.current().filter(level=ProcedureVersion.Level.COMMUNE, centres__in=centres)
        .distinct().select_related("procedure")
        .prefetch_related("components", "form_fields",
                          Prefetch("steps", queryset=InternalProcessStep.objects.order_by("position")), "centres")
        .order_by("procedure__code")
    )
    versions = [v for v in versions if _self_contained(v) and {c.pk for c in centres} <= {c.pk for c in v.centres.all()}]
    online = [v for v in versions if v.channel_online]
    counter = [v for v in versions if v.channel_counter]
    if not online or not counter:
        raise ValueError("No commune-level procedure is received both online and at the counter of these communes.")
    return World(communes=chosen, citizens=people, online_versions=online, counter_versions=counter,
                 papers=make_papers(), created_accounts=created, seeded=seeded)
