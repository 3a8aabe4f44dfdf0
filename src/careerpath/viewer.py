"""Opening a written file in the desktop's viewer, and saying plainly when there is none."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from careerpath.errors import OutputError
from careerpath.i18n import _

# Most openers hand the file over and exit at once; some wait for the viewer they start.
# One still running after this long has found a viewer: it is left to run.
OPENER_WAIT = 5.0


def open_in_viewer(path: Path) -> str | None:
    """Open ``path`` with the system's viewer: None once it is handed over, else why not.

    The opener's own output (xdg-open lists every browser it tried) is kept off the terminal:
    the caller says once that no viewer was found, and where the file is."""
    path = path.resolve()  # absolute: a name starting with "-" is never read as an option
    if sys.platform == "win32":
        try:
            os.startfile(path)  # type: ignore[attr-defined]  # Windows only
        except OSError as exc:
            if path.suffix:
                message = _("Windows has no program for {suffix} files: {reason}")
                return message.format(suffix=path.suffix, reason=exc.strerror)
            return _("Windows has no program for this file: {reason}").format(reason=exc.strerror)
        return None
    if sys.platform == "darwin":
        command = ["open", str(path)]
    else:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            return _("no desktop session: DISPLAY and WAYLAND_DISPLAY are not set")
        opener = shutil.which("xdg-open")
        if opener is None:
            return _("xdg-open is not installed")
        command = [opener, str(path)]
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a viewer it starts outlives careerpath and its Ctrl-C
        )
    except OSError as exc:
        return _("{program} could not run: {reason}").format(
            program=command[0], reason=exc.strerror
        )
    try:
        status = proc.wait(timeout=OPENER_WAIT)
    except subprocess.TimeoutExpired:
        return None
    if status != 0:
        message = _("{program} found none (exit status {status})")
        return message.format(program=Path(command[0]).name, status=status)
    return None


def show(path: Path) -> None:
    """``open_in_viewer``, or OutputError saying once why not and where the file is (instead
    of the opener's own attempts)."""
    why_not = open_in_viewer(path)
    if why_not:
        raise OutputError(f"no viewer found to open it ({why_not}); the file is {path.resolve()}")
