"""Running a library's coroutine from synchronous code (pyHanko signs and validates with asyncio).
``asyncio.run`` refuses to start when the calling thread already runs an event loop — under an ASGI server,
or beside Playwright's sync API in the browser tests — so the coroutine then gets a thread of its own."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_coroutine(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """The result of the coroutine ``make()`` creates, run to its end on a fresh event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()
