"""A plain-text progress bar on stderr, redrawn in place (a line every few seconds when stderr is not a
terminal, so logs stay readable)."""

from __future__ import annotations

import sys
import threading
import time


class Progress:
    def __init__(self, describe, *, stream=None, enabled: bool = True, width: int = 24):
        self.describe, self.stream, self.enabled, self.width = describe, stream or sys.stderr, enabled, width
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_len = 0

    def bar(self, fraction: float) -> str:
        fraction = max(0.0, min(1.0, fraction))
        filled = int(round(fraction * self.width))
        return f"[{'#' * filled}{'.' * (self.width - filled)}] {fraction * 100:3.0f}%"

    def draw(self, final: bool = False) -> None:
        if not self.enabled:
            return
        fraction, text = self.describe()
        line = f"{self.bar(fraction)} {text}"
        if self.tty:
            padding = " " * max(0, self._last_len - len(line))
            self.stream.write(f"\r{line}{padding}" + ("\n" if final else ""))
            self._last_len = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def start(self) -> None:
        if not self.enabled:
            return
        interval = 0.5 if self.tty else 5.0

        def loop():
            while not self._stop.wait(interval):
                self.draw()

        self._thread = threading.Thread(target=loop, name="sim-progress", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        self.draw(final=True)


def clock(seconds: float) -> str:
    seconds = int(max(0, seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def elapsed_since(started: float) -> float:
    return time.monotonic() - started
