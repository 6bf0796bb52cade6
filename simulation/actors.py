"""The actors: threads playing citizens, one-stop officers and the back office (specialists, leaders,
clerks), each with its own database connection, moving dossiers along through the real services.

What happens to each dossier (its *fate*: refused, supplemented, extended, sent back, stopped, withdrawn...)
is drawn from the seed and the dossier's number when it is created, so a seed always plans the same run;
which thread acts when is left to the threads, as in a real centre. Every action is one service call; the
next one is decided from the dossier as the database holds it afterwards."""

from __future__ import annotations

import datetime
import logging
import random
import threading
import time
import traceback

from django.db import close_old_connections, connection
from django.utils import timezone

from accounts.models import User
from dossiers.errors import DossierConflict
from dossiers.models import Dossier, DossierStep
from dossiers.services import (
    ApplicantData,
    completing_needs_result,
    dossier_create_at_counter,
    dossier_draft_save,
    dossier_extend,
    dossier_rate,
    dossier_receive,
    dossier_refuse,
    dossier_request_supplement,
    dossier_return,
    dossier_stop,
    dossier_submit,
    dossier_supplement,
    dossier_withdraw,
    step_complete,
    step_return,
    step_take,
)
from payments import selectors as payment_selectors
from payments.services import payment_settled_without_platform
from portal.errors import ApplicationError
from portal.timeunits import TimeUnit
from procedures.models import ProcedureVersion
from simulation.config import Mix
from simulation.plan import BACKOFFICE, CITIZEN, GROUPS, OFFICER, Fate, Scheduler, Stats, Track
from simulation.world import World
from units.calendar import add_working_time

logger = logging.getLogger(__name__)


def form_answers(version, applicant: ApplicantData, index: int) -> dict:
    """Plausible answers to every question of the version's e-form (tờ khai điện tử), within its rules."""
    answers = {}
    today = timezone.localdate()
    for spec in version.form_fields.all():
        kind = spec.type
        if kind in ("text", "long_text"):
            value = applicant.name if "ho_ten" in spec.key else f"{spec.label} (mô phỏng)"
            answers[spec.key] = value[: spec.max_length or 255]
        elif kind == "date":
            answers[spec.key] = (today - datetime.timedelta(days=30 + index % 3000)).isoformat()
        elif kind == "number":
            low = int(spec.min_value) if spec.min_value is not None else 1
            answers[spec.key] = low if spec.max_value is None else min(low, int(spec.max_value))
        elif kind == "choice":
            answers[spec.key] = spec.options[index % len(spec.options)]
        elif kind == "yes_no":
            answers[spec.key] = index % 2 == 0
        elif kind == "cccd":
            answers[spec.key] = applicant.cccd
        elif kind == "phone":
            answers[spec.key] = applicant.phone or "0912345678"
        elif kind == "email":
            answers[spec.key] = "mo.phong@example.vn"
    return answers

class Actors:
    def __init__(self, *, world: World, mix: Mix, seed: int, think_ms: float, threads: dict[str, int]):
        self.world, self.mix, self.seed, self.think = world, mix, seed, think_ms / 1000
        self.threads_wanted = threads
        self.scheduler = Scheduler()
        self.stats = Stats()
        self.tracks: list[Track] = []
        self._threads: list[threading.Thread] = []
        self._rng_lock = threading.Lock()
        self._rng = random.Random(f"{seed}-think")

    # ---- arrivals ----------------------------------------------------------------------------------
    def arrive(self, index: int) -> Track:
        """A new dossier: who, where, which procedure and what will happen to it, from the seed alone."""
        rng = random.Random(f"{self.seed}-dossier-{index}")
        applicant = rng.choice(self.world.citizens)
        fate = Fate.draw(rng, self.mix, has_account=applicant.account is not None)
        versions = self.world.online_versions if fate.online else self.world.counter_versions
        track = Track(index=index, commune=rng.choice(self.world.communes), applicant=applicant,
                      version_id=rng.choice(versions).pk, fate=fate)
        with self.stats.lock:
            self.tracks.append(track)
            self.stats.created += 1
        self.scheduler.put(CITIZEN if fate.online else OFFICER, track)
        return track

    # ---- threads -----------------------------------------------------------------------------------
    def start(self) -> None:
        for group in GROUPS:
            for number in range(self.threads_wanted[group]):
                thread = threading.Thread(target=self._loop, args=(group,), name=f"sim-{group}-{number}", daemon=True)
                thread.start()
                self._threads.append(thread)

    def stop(self, timeout: float = 30.0) -> None:
        self.scheduler.close()
        for thread in self._threads:
            thread.join(timeout)

    def open_tracks(self) -> int:
        with self.stats.lock:
            return self.stats.created - self.stats.finished

    def _pause(self) -> float:
        with self._rng_lock:
            return self._rng.expovariate(1 / self.think) if self.think > 0 else 0.0

    def _loop(self, group: str) -> None:
        try:
            while (track := self.scheduler.take(group)) is not None:
                try:
                    self._act(group, track)
                finally:
                    self.scheduler.release()
        finally:
            connection.close()

    def _act(self, group: str, track: Track) -> None:
        close_old_connections()
        try:
            next_group = self._move(group, track)
        except DossierConflict as conflict:
            with self.stats.lock:
                self.stats.conflicts[conflict.code] += 1
            next_group = self._who_next(track)
        except ApplicationError as refusal:
            # A service refused what the script thought allowed: recorded, and this dossier is left there.
            with self.stats.lock:
                self.stats.refusals[f"{refusal.code}: {refusal.message}"[:200]] += 1
            next_group = None
        except Exception:  # noqa: BLE001 - counted and shown in the report, never hidden
            with self.stats.lock:
                self.stats.errors.append(traceback.format_exc(limit=6))
            logger.exception("simulation: dossier #%s failed", track.index)
            next_group = None
        if next_group is None:
            track.finished = True
            with self.stats.lock:
                self.stats.finished += 1
        else:
            self.scheduler.put(next_group, track, self._pause())

    def _call(self, name: str, function, **kwargs):
        started = time.perf_counter()
        try:
            return function(**kwargs)
        finally:
            self.stats.timed(name, time.perf_counter() - started)

    # ---- the dossier's way ------------------------------------------------------------------------
    def _load(self, track: Track) -> Dossier:
        return Dossier.objects.select_related("procedure_version__procedure", "centre__agency").get(
            pk=track.dossier_id)

    @staticmethod
    def _current(dossier: Dossier) -> tuple[DossierStep | None, list[DossierStep]]:
        steps = list(dossier.steps.order_by("position"))
        return next((s for s in steps if s.is_current), None), steps

    def _who_next(self, track: Track) -> str | None:
        """Whose turn it is on this dossier now (None: its way has ended)."""
        if track.dossier_id is None:
            return CITIZEN if track.fate.online else OFFICER
        dossier = Dossier.objects.only("state").get(pk=track.dossier_id)
        state, fate = dossier.state, track.fate
        if state == Dossier.State.DRAFT:
            return CITIZEN
        if state == Dossier.State.SUBMITTED:
            return CITIZEN if fate.withdraw == "at_check" and "withdraw" not in track.done else OFFICER
        if state == Dossier.State.SUPPLEMENT_REQUESTED:
            return CITIZEN if fate.online else OFFICER
        if state in Dossier.PROCESSING_STATES:
            if fate.withdraw == "in_processing" and "withdraw" not in track.done and "step:1" in track.done:
                return CITIZEN
            current, _steps = self._current(dossier)
            if current is None:
                return None
            return OFFICER if current.responsible_role == User.Role.OFFICER else BACKOFFICE
        if state == Dossier.State.RESULT_READY:
            # The electronic result received online closes the dossier unless a paper original is owed: the
            # officer then hands it over.
            return CITIZEN if fate.collect_online and "collect" not in track.done else OFFICER
        if state == Dossier.State.RETURNED and fate.rate and "rate" not in track.done:
            return CITIZEN
        return None

    def _move(self, group: str, track: Track) -> str | None:
        """One action on the dossier, by the actor whose turn it is; whose turn it is next."""
        wanted = self._who_next(track)
        if wanted is None:
            return None
        if wanted != group:  # its turn passed to someone else meanwhile
            return wanted
        world, fate, staff = self.world, track.fate, track.commune.staff
        officer = staff[User.Role.OFFICER]
        citizen = track.applicant.account
        applicant = ApplicantData(name=track.applicant.name, cccd=track.applicant.cccd, phone=track.applicant.phone,
                                  address=f"Thôn {track.index % 9 + 1}, {track.commune.centre.unit.name}")
        if track.dossier_id is None:
            version = next(v for v in (world.online_versions if fate.online else world.counter_versions)
                           if v.pk == track.version_id)
            uploads = {c.pk: world.paper("scan", c.name[:60]) for c in version.components.all()
                       if c.originals + c.copies > 0 and not c.filled_by_form}
            answers = form_answers(version, applicant, track.index)
            if fate.online:
                # A first draft without files or answers, then the papers and the e-form in a second save.
                dossier = self._call("dossier_draft_save", dossier_draft_save, citizen=citizen, version=version,
                                     centre=track.commune.centre, applicant=applicant,
                                     description="Hồ sơ mô phỏng vận hành thử")
                track.dossier_id = dossier.pk
                self._call("dossier_draft_save", dossier_draft_save, citizen=citizen, version=version,
                           centre=track.commune.centre, applicant=applicant, dossier=dossier,
                           description="Hồ sơ mô phỏng vận hành thử", uploads=uploads, form_data=answers)
            else:
                dossier = self._call("dossier_create_at_counter", dossier_create_at_counter, officer=officer,
                                     version=version, applicant=applicant, uploads=uploads, form_data=answers,
                                     description="Hồ sơ nộp trực tiếp (mô phỏng)")
                track.dossier_id = dossier.pk
            return self._who_next(track)

        dossier = self._load(track)
        state = dossier.state
        if state == Dossier.State.DRAFT:
            if (dossier.procedure_version.payment_timing == ProcedureVersion.PaymentTiming.BEFORE_SUBMISSION
                    and payment_selectors.dossier_dues(dossier).paid is None):
                # The citizen pays the fees online first (settled as the platform's callback would settle it).
                self._call("payment_settled_without_platform", payment_settled_without_platform, dossier=dossier,
                           user=citizen, transaction_id=f"NTTSIM{track.index:06d}")
            self._call("dossier_submit", dossier_submit, dossier=dossier, citizen=citizen)
        elif state == Dossier.State.SUBMITTED:
            if group == CITIZEN:
                track.done.add("withdraw")
                self._call("dossier_withdraw", dossier_withdraw, dossier=dossier, citizen=citizen,
                           reason="Người nộp không có nhu cầu giải quyết nữa.")
            elif fate.refuse:
                self._call("dossier_refuse", dossier_refuse, dossier=dossier, officer=officer,
                           reason="Hồ sơ không thuộc thẩm quyền giải quyết (mô phỏng).")
            elif fate.supplement_at_check and "supplement_at_check" not in track.done:
                track.done.add("supplement_at_check")
                self._call("dossier_request_supplement", dossier_request_supplement, dossier=dossier, user=officer,
                           reason="Bản quét chưa rõ nét.", items=["Bản quét rõ nét của giấy tờ"])
            else:
                self._call("dossier_receive", dossier_receive, dossier=dossier, officer=officer)
        elif state == Dossier.State.SUPPLEMENT_REQUESTED:
            component = dossier.procedure_version.components.order_by("position").first()
            uploads = {component.pk: world.paper("supplement", "bo-sung")} if component else {}
            self._call("dossier_supplement", dossier_supplement, dossier=dossier,
                       user=citizen if fate.online else officer, uploads=uploads, note="Đã bổ sung theo yêu cầu.")
        elif state in Dossier.PROCESSING_STATES:
            self._process(group, track, dossier)
        elif state == Dossier.State.RESULT_READY:
            if group == CITIZEN:
                track.done.add("collect")
            self._call("dossier_return", dossier_return, dossier=dossier,
                       user=citizen if group == CITIZEN else officer)
        elif state == Dossier.State.RETURNED:
            track.done.add("rate")
            self._call("dossier_rate", dossier_rate, dossier=dossier, citizen=citizen,
                       score=random.Random(track.index).choice(["very_satisfied", "satisfied", "not_satisfied"]))
        return self._who_next(track)

    def _process(self, group: str, track: Track, dossier: Dossier) -> None:
        fate = track.fate
        if group == CITIZEN:
            track.done.add("withdraw")
            self._call("dossier_withdraw", dossier_withdraw, dossier=dossier, citizen=track.applicant.account,
                       reason="Xin rút hồ sơ (mô phỏng).")
            return
        current, steps = self._current(dossier)
        user = track.commune.staff[current.responsible_role]
        position = current.position
        role = current.responsible_role
        if current.state == DossierStep.State.ACTIVE:
            self._call("step_take", step_take, dossier=dossier, position=position, user=user)
            return
        if role == User.Role.SPECIALIST:
            if fate.stop and "stop" not in track.done:
                track.done.add("stop")
                self._call("dossier_stop", dossier_stop, dossier=dossier, user=user,
                           reason="Người nộp không đủ điều kiện theo quy định (mô phỏng).")
                return
            if fate.supplement_in_processing and "supplement_in_processing" not in track.done:
                track.done.add("supplement_in_processing")
                self._call("dossier_request_supplement", dossier_request_supplement, dossier=dossier, user=user,
                           reason="Cần bổ sung giấy tờ khi thẩm định.", items=["Giấy tờ chứng minh bổ sung"])
                return
            if fate.extend and "extend" not in track.done:
                track.done.add("extend")
                new_due = add_working_time(dossier.due_at, 2, TimeUnit.WORKING_DAYS)
                self._call("dossier_extend", dossier_extend, dossier=dossier, user=user, new_due_at=new_due,
                           reason="Cần xác minh thêm với cơ quan liên quan.")
                return
        if role == User.Role.LEADER and fate.step_return and "step_return" not in track.done:
            track.done.add("step_return")
            self._call("step_return", step_return, dossier=dossier, position=position, user=user,
                       note="Đề nghị thẩm định lại (mô phỏng).")
            return
        kwargs = {}
        if completing_needs_result(dossier, steps, current):
            if fate.upload_result:
                kwargs["result"] = self.world.paper("result", f"ket-qua-{track.index}")
            else:
                kwargs["generate_result"] = True
        self._call("step_complete", step_complete, dossier=dossier, position=position, user=user,
                   note="Đã xử lý.", **kwargs)
        track.done.add(f"step:{position}")
