"""A progress bar on stderr for long runs: drawn only on a terminal, and only once a run takes a while.

Piped or redirected stderr, and runs shorter than ``delay`` seconds, show nothing, so
scripts and tests see clean output.
"""

from __future__ import annotations

import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any, TextIO, TypeVar

    T = TypeVar("T")

__all__ = ["Progress"]


class Progress:
    """``with Progress(total, "files") as bar: ... bar.advance()``."""

    def __init__(self, total: int, label: str, *, stream: TextIO | None = None, delay: float = 0.5, enabled: bool | None = None) -> None:
        self.total = max(total, 0)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.done = 0
        self._started = time.monotonic()
        self._delay = delay
        self._drawn_at = 0.0
        self._shown = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def each(self, items: Iterable[T]) -> Iterator[T]:
        """The items, advancing the bar as each is taken."""
        for item in items:
            yield item
            self.advance()

    def advance(self, amount: int = 1) -> None:
        self.done += amount
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._started < self._delay or now - self._drawn_at < 0.1:
            return
        self._drawn_at = now
        self._draw()

    def _draw(self) -> None:
        width = 30
        share = self.done / self.total if self.total else 1.0
        filled = min(width, int(share * width))
        line = f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {share:4.0%} {self.done}/{self.total}"
        self.stream.write(line)
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        """Clear the bar (if one was drawn)."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
