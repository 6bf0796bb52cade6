"""What the simulation plans and counts: each dossier's fate (drawn from the seed), its track through the
run, the scheduler that hands the next due dossier to the actors of a group, and the shared statistics."""

from __future__ import annotations

import heapq
import itertools
import random
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from simulation.config import Mix
from simulation.world import Commune, Person

CITIZEN, OFFICER, BACKOFFICE = "citizen", "officer", "backoffice"
GROUPS = (CITIZEN, OFFICER, BACKOFFICE)


@dataclass
class Fate:
    online: bool
    refuse: bool = False
    withdraw: str = ""  # "", "at_check" or "in_processing"
    supplement_at_check: bool = False
    supplement_in_processing: bool = False
    extend: bool = False
    step_return: bool = False
    stop: bool = False
    upload_result: bool = False
    collect_online: bool = False
    rate: bool = False

    @classmethod
    def draw(cls, rng: random.Random, mix: Mix, *, has_account: bool) -> Fate:
        online = has_account and rng.random() < mix.online
        fate = cls(online=online)
        # One way of ending early at most, so the shares stay readable.
        ending = rng.random()
        if ending < mix.refuse:
            fate.refuse = True
        elif online and ending < mix.refuse + mix.withdraw:
            fate.withdraw = rng.choice(["at_check", "in_processing"])
        elif ending < mix.refuse + mix.withdraw + mix.stop:
            fate.stop = True
        fate.supplement_at_check = rng.random() < mix.supplement_at_check
        fate.supplement_in_processing = rng.random() < mix.supplement_in_processing
        fate.extend = rng.random() < mix.extend
        fate.step_return = rng.random() < mix.step_return
        fate.upload_result = rng.random() < mix.upload_result
        fate.collect_online = online and rng.random() < mix.collect_online
        fate.rate = online and rng.random() < mix.rate
        return fate


@dataclass
class Track:
    """One dossier of the run, from its arrival to the end of its way."""

    index: int
    commune: Commune
    applicant: Person
    version_id: int
    fate: Fate
    dossier_id: int | None = None
    done: set[str] = field(default_factory=set)
    finished: bool = False


class Scheduler:
    """Per group of actors, the dossiers waiting for their next action, by the time it is due."""

    def __init__(self):
        self._heaps: dict[str, list] = {g: [] for g in GROUPS}
        self._cond = threading.Condition()
        self._order = itertools.count()
        self.closed = False
        self.in_flight = 0

    def put(self, group: str, track: Track, delay: float = 0.0) -> None:
        with self._cond:
            heapq.heappush(self._heaps[group], (time.monotonic() + delay, next(self._order), track))
            self._cond.notify_all()

    def take(self, group: str) -> Track | None:
        """The next due dossier of the group, or None once the scheduler is closed."""
        with self._cond:
            while not self.closed:
                heap = self._heaps[group]
                now = time.monotonic()
                if heap and heap[0][0] <= now:
                    self.in_flight += 1
                    return heapq.heappop(heap)[2]
                self._cond.wait(min(heap[0][0] - now, 0.5) if heap else 0.5)
            return None

    def release(self) -> None:
        with self._cond:
            self.in_flight -= 1

    def waiting(self) -> int:
        with self._cond:
            return sum(len(h) for h in self._heaps.values())

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()


@dataclass
class Stats:
    """What the actors did, shared by the threads (under ``lock``)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    calls: Counter = field(default_factory=Counter)
    call_seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    conflicts: Counter = field(default_factory=Counter)  # expected: someone else acted first
    refusals: Counter = field(default_factory=Counter)  # a service said no (ApplicationError): a finding
    errors: list[str] = field(default_factory=list)  # anything else: a bug
    created: int = 0
    finished: int = 0

    def timed(self, name: str, seconds: float) -> None:
        with self.lock:
            self.calls[name] += 1
            self.call_seconds[name].append(seconds)
