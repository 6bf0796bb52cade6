"""Faults on demand: added latency, a share of 5xx answers, a share of requests left hanging past any
client timeout, and windows during which the service answers 503 (``down``) or refuses connections
(``refuse``, its listening socket closed). Set through POST /admin/faults or NPSP_FAULTS (JSON)."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Faults:
    latency_ms: int = 0
    error_rate: float = 0.0  # share of requests answered 503
    timeout_rate: float = 0.0  # share of requests held for hang_seconds before any answer
    hang_seconds: float = 30.0
    down_until: float = 0.0  # monotonic deadline: answer 503 to everything until then
    refuse_until: float = 0.0  # monotonic deadline: connections refused until then
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def update(self, values: dict) -> None:
        now = time.monotonic()
        with self._lock:
            for name in ("latency_ms", "error_rate", "timeout_rate", "hang_seconds"):
                if name in values:
                    setattr(self, name, type(getattr(self, name))(values[name]))
            if "down_for_seconds" in values:
                self.down_until = now + float(values["down_for_seconds"])
            if "refuse_for_seconds" in values:
                self.refuse_until = now + float(values["refuse_for_seconds"])
            if values.get("clear"):
                self.latency_ms, self.error_rate, self.timeout_rate = 0, 0.0, 0.0
                self.down_until = self.refuse_until = 0.0

    def as_dict(self) -> dict:
        now = time.monotonic()
        return {
            "latency_ms": self.latency_ms, "error_rate": self.error_rate, "timeout_rate": self.timeout_rate,
            "hang_seconds": self.hang_seconds, "down_for_seconds": max(0.0, self.down_until - now),
            "refuse_for_seconds": max(0.0, self.refuse_until - now),
        }

    def refusing(self) -> bool:
        return time.monotonic() < self.refuse_until

    def before_request(self) -> int | None:
        """Apply latency/hang; the status to answer instead of handling (503), or None."""
        if self.latency_ms:
            time.sleep(self.latency_ms / 1000)
        if self.timeout_rate and random.random() < self.timeout_rate:
            time.sleep(self.hang_seconds)
        if time.monotonic() < self.down_until:
            return 503
        if self.error_rate and random.random() < self.error_rate:
            return 503
        return None
