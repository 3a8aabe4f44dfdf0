"""SIGTERM handled like Ctrl-C: an exception that unwinds the stack, so that temporary files
are removed and locks released on the way out, instead of the process dying where it stands."""

from __future__ import annotations

import signal
from types import FrameType

EXIT_TERMINATED = 128 + signal.SIGTERM  # what a shell reports for a process ended by SIGTERM


class Terminated(BaseException):
    """SIGTERM arrived. A BaseException, like KeyboardInterrupt, so that ``except Exception``
    (one bad file must not stop a batch) does not swallow it."""


def _raise(signum: int, frame: FrameType | None) -> None:
    # Once is enough: a second SIGTERM must not cut short the clean-up the first started.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated


def raise_on_sigterm() -> None:
    """From now on, SIGTERM raises :class:`Terminated` in the main thread."""
    signal.signal(signal.SIGTERM, _raise)
