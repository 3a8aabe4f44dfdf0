"""Writing files without ever losing what was there: refuse to overwrite without force,
write to a temporary file in the same folder, then rename over the target atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from careerpath.errors import OutputError

PRIVATE = 0o600  # answers and reports hold personal data


def check_writable(path: str | os.PathLike[str], force: bool) -> Path:
    """Fail early (before any expensive render) if ``path`` may not be written."""
    path = Path(path)
    if path.is_symlink() and not force:
        raise OutputError(
            f"{path}: is a symbolic link; refusing to write through it "
            "(use --force to replace the link itself)"
        )
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; use --force to overwrite it")
    if path.exists() and path.is_dir():
        raise OutputError(f"{path}: is a directory")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{path}: folder {parent} does not exist")
    return path


def write_atomic(path: str | os.PathLike[str], data: bytes | str, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically with permissions 0600.

    A symbolic link at ``path`` is replaced by the new file (the file it pointed to is left
    alone). If anything fails, the old file is untouched and no temporary file remains.
    """
    path = check_writable(path, force)
    if isinstance(data, str):
        data = data.encode("utf-8")
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, PRIVATE)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
        raise
    return path
