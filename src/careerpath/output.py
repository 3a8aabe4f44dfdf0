"""Writing files without ever losing what was there: refuse to overwrite without force,
write to a temporary file in the same folder, then rename over the target atomically."""

from __future__ import annotations

import contextlib
import os
import stat
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
    problem = folder_problem(parent)
    if problem:
        raise OutputError(f"{path}: {problem}")
    return path


def folder_problem(folder: str | os.PathLike[str], *, create: bool = False) -> str | None:
    """Why we cannot write files in ``folder`` (or, with ``create``, make it first), in words,
    or None. One place, so that every output folder is refused with the real reason: a file
    in the way, a missing folder or no permission."""
    folder = Path(folder)
    for at in (folder, *folder.parents):
        try:
            st = os.stat(at)
        except (FileNotFoundError, NotADirectoryError):
            continue  # missing: what is on the way to it tells why
        except OSError as exc:
            return f"cannot use {at}: {exc.strerror}"
        if not stat.S_ISDIR(st.st_mode):
            kind = "a file" if stat.S_ISREG(st.st_mode) else "a pipe, socket or device"
            return f"{at} is {kind}, not a folder"
        if at != folder and not create:
            return f"folder {folder} does not exist"
        if not os.access(at, os.W_OK | os.X_OK):
            verb = f"write in {at}" if at == folder else f"create {folder} in {at}"
            return f"permission denied: cannot {verb}"
        return None
    return f"folder {folder} does not exist"


def make_folder(folder: str | os.PathLike[str], what: str | None = None, mode: int = 0o777) -> Path:
    """Create ``folder`` (and missing parents, with ``mode`` less the umask) for our output,
    or raise OutputError saying why not; ``what`` names where it came from (an option, a
    setting) in the message."""
    folder = Path(folder)
    prefix = f"{what}: " if what else ""
    problem = folder_problem(folder, create=True)
    if problem is None:
        try:
            folder.mkdir(mode=mode, parents=True, exist_ok=True)
        except OSError as exc:  # a race, or what access() cannot see (read-only mounts)
            problem = f"cannot create {folder}: {exc.strerror}"
    if problem:
        raise OutputError(prefix + problem)
    return folder


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
