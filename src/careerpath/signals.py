"""SIGTERM handled like Ctrl-C: an exception that unwinds the stack, so that temporary files
are removed and locks released on the way out, instead of the process dying where it stands."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

EXIT_TERMINATED = 128 + signal.SIGTERM  # what a shell reports for a process ended by SIGTERM
EXIT_INTERRUPTED = 128 + signal.SIGINT  # and by Ctrl-C (130)

_received = False


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, like KeyboardInterrupt, so that ``except Exception``
    (one bad file must not stop a batch) does not swallow it."""


def _raise(signum: int, frame: FrameType | None) -> None:
    global _received
    _received = True
    raise Terminated


def _quiet_unraisable(hook: Callable[[Any], object]) -> Callable[[Any], None]:
    def quiet(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, Terminated):
            hook(unraisable)

    return quiet


def quiet_when_swallowed() -> None:
    """A signal can land inside a ``__del__`` (WeasyPrint has some), where Python prints the
    exception as "Exception ignored in ..." and drops it: print nothing for Terminated, and
    let :func:`check` or the caller's flag end the process instead."""
    sys.unraisablehook = _quiet_unraisable(sys.unraisablehook)


def raise_on_sigterm() -> None:
    """From now on, SIGTERM raises :class:`Terminated` in the main thread."""
    quiet_when_swallowed()
    signal.signal(signal.SIGTERM, _raise)


def check() -> None:
    """Raise :class:`Terminated` again if SIGTERM arrived but its exception was swallowed:
    long loops call this between items."""
    if _received:
        raise Terminated
