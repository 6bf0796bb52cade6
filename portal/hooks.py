"""Hooks: how a lower app lets the apps above it react to what it does without importing them (DESIGN.md §3).

The lower app declares ``event_recorded = Hook("dossiers.event_recorded")`` and calls ``event_recorded.send(event)``
where the thing happens (inside its transaction: a listener's writes commit or roll back with it); an upper app
registers its listener once, from its ``AppConfig.ready()``. Listeners run in the order they registered; an error
in one is the caller's error (nothing is swallowed), so a listener that must never fail the change keeps its own
work small and defers the rest (``transaction.on_commit``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Hook:
    def __init__(self, name: str):
        self.name = name
        self._listeners: list[Callable[..., Any]] = []

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._listeners)} listener(s)>"

    def register(self, listener: Callable[..., Any]) -> Callable[..., Any]:
        """Add ``listener`` (once, however often ready() runs); usable as a decorator."""
        if listener not in self._listeners:
            self._listeners.append(listener)
        return listener

    def unregister(self, listener: Callable[..., Any]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    @property
    def listeners(self) -> tuple[Callable[..., Any], ...]:
        return tuple(self._listeners)

    def send(self, *args: Any, **kwargs: Any) -> list[Any]:
        """Call every listener; their answers, in order."""
        return [listener(*args, **kwargs) for listener in self._listeners]

    def first(self, *args: Any, **kwargs: Any) -> Any:
        """The first listener's answer that is not None (a registry of providers: the first that can, does);
        None when no listener answers."""
        for listener in self._listeners:
            answer = listener(*args, **kwargs)
            if answer is not None:
                return answer
        return None
