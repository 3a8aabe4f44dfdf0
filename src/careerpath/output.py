"""Writing files without ever losing what was there: refuse to overwrite without force,
write to a temporary file in the same folder, then rename over the target atomically.

Whoever reads a user's file, changes it and writes it back holds :func:`locked` across the
three steps, so that two careerpath processes never lose each other's changes."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from careerpath.errors import Option, OutputError, printable, sentence
from careerpath.i18n import N_, _

PRIVATE = 0o600  # answers and reports hold personal data

StrPath = str | os.PathLike[str]

# What a document written says, by its kind, the same way for every command ("Plan written to
# FILE"): a whole sentence each, as the noun's gender changes the words in other languages.
WRITTEN = {
    "plan": N_("Plan written to {file}"),
    "report": N_("Report written to {file}"),
    "calendar": N_("Calendar written to {file}"),
    "compare": N_("Comparison written to {file}"),
    "cohort": N_("Cohort report written to {file}"),
    "team": N_("Team report written to {file}"),
}


def written_note(kind: str, path: StrPath) -> str:
    """The line that says a document of ``kind`` (a key of ``WRITTEN``) went to ``path``, by
    its absolute path, so that it can be found from any folder."""
    return _(WRITTEN[kind]).format(file=printable(str(Path(path).resolve())))


def identities(paths: Iterable[StrPath]) -> dict[tuple[int, int], str]:
    """(device, inode) -> path for each existing file: what makes two names one file."""
    found: dict[tuple[int, int], str] = {}
    for given in paths:
        with contextlib.suppress(OSError):
            st = os.stat(given)
            found.setdefault((st.st_dev, st.st_ino), str(given))
    return found


def check_not_input(path: StrPath, inputs: Iterable[StrPath] | dict[tuple[int, int], str]) -> None:
    """Refuse an output that is one of the files the command reads (the same file under any
    name: a symlink, a hard link, ``./x`` for ``x``): writing it would destroy the input.
    ``inputs`` are paths, or their :func:`identities` when many outputs are checked."""
    known = inputs if isinstance(inputs, dict) else identities(inputs)
    if not known:
        return
    try:
        out = os.stat(path)  # follows a link: a link to an input is that input
    except OSError:
        return  # nothing there yet, so it is no input
    given = known.get((out.st_dev, out.st_ino))
    if given is not None:
        same = "" if os.path.normpath(given) == os.path.normpath(path) else f" ({given})"
        raise OutputError(
            _(
                "{path}: is an input of this command{same}; refusing to overwrite it with the "
                "output, choose another output file"
            ).format(path=path, same=same)
        )


WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


def check_writable(
    path: StrPath,
    force: bool,
    *,
    inputs: Iterable[StrPath] | dict[tuple[int, int], str] = (),
) -> Path:
    """Fail early (before any expensive render) if ``path`` may not be written.

    ``inputs`` are the files the command reads; ``path`` may not be one of them."""
    path = Path(path)
    check_not_input(path, inputs)
    try:
        kind = os.lstat(path).st_mode
    except OSError:
        kind = None
    # A pipe, socket or device is never replaced, even with --force: renaming over
    # /dev/null (as root) would delete it, and a FIFO is someone else's channel.
    if kind is not None and not (stat.S_ISREG(kind) or stat.S_ISLNK(kind) or stat.S_ISDIR(kind)):
        raise OutputError(
            _(
                "{path}: is not a regular file (a pipe, socket or device); refusing to replace "
                "it, give a file path"
            ).format(path=path)
        )
    # A file its owner made read-only is kept, --force or not: the mode says "do not change
    # me", and as root (or by renaming over it) we could.
    if kind is not None and stat.S_ISREG(kind) and not kind & WRITE_BITS:
        raise OutputError(
            _("{path}: is read-only; make it writable first (chmod u+w {path})").format(path=path)
        )
    if path.is_symlink() and not force:
        raise OutputError(
            *sentence(
                _(
                    "{path}: is a symbolic link; refusing to write through it (use {option} to "
                    "replace the link itself)"
                ),
                path=path,
                option=Option("force"),
            )
        )
    if path.exists() and not force:
        raise OutputError(
            *sentence(
                _("{path}: already exists; use {option} to overwrite it"),
                path=path,
                option=Option("force"),
            )
        )
    if path.exists() and path.is_dir():
        raise OutputError(_("{path}: is a directory").format(path=path))
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
            return _("cannot use {path}: {reason}").format(path=at, reason=exc.strerror)
        if not stat.S_ISDIR(st.st_mode):
            if stat.S_ISREG(st.st_mode):
                return _("{path} is a file, not a folder").format(path=at)
            return _("{path} is a pipe, socket or device, not a folder").format(path=at)
        if at != folder and not create:
            return _("folder {folder} does not exist").format(folder=folder)
        if not os.access(at, os.W_OK | os.X_OK):
            if at == folder:
                return _("permission denied: cannot write in {path}").format(path=at)
            return _("permission denied: cannot create {folder} in {path}").format(
                folder=folder, path=at
            )
        return None
    return _("folder {folder} does not exist").format(folder=folder)


def make_folder(
    folder: str | os.PathLike[str], what: str | Option | None = None, mode: int = 0o777
) -> Path:
    """Create ``folder`` (and missing parents, with ``mode`` less the umask) for our output,
    or raise OutputError saying why not; ``what`` names where it came from (an option, a
    setting) in the message."""
    folder = Path(folder)
    prefix: tuple[str | Option, ...] = (what, ": ") if what else ()
    problem = folder_problem(folder, create=True)
    if problem is None:
        try:
            folder.mkdir(mode=mode, parents=True, exist_ok=True)
        except OSError as exc:  # a race, or what access() cannot see (read-only mounts)
            problem = _("cannot create {folder}: {reason}").format(
                folder=folder, reason=exc.strerror
            )
    if problem:
        raise OutputError(*prefix, problem)
    return folder


def write_atomic(
    path: StrPath,
    data: bytes | str,
    *,
    force: bool = False,
    inputs: Iterable[StrPath] | dict[tuple[int, int], str] = (),
) -> Path:
    """Write ``data`` to ``path`` atomically with permissions 0600.

    A symbolic link at ``path`` is replaced by the new file (the file it pointed to is left
    alone). If anything fails, the old file is untouched and no temporary file remains.
    """
    path = check_writable(path, force, inputs=inputs)
    if isinstance(data, str):
        data = data.encode("utf-8")
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(
            _("{path}: cannot write in {folder}: {reason}").format(
                path=path, folder=parent, reason=exc.strerror
            )
        ) from None
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
            raise OutputError(
                _("{path}: cannot write: {reason}").format(path=path, reason=exc.strerror)
            ) from None
        raise
    return path


def lock_path(path: StrPath) -> Path:
    """The lock file of ``path``: hidden, beside the real file (a symlink and its target
    share one lock)."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.lock")


@contextlib.contextmanager
def locked(path: StrPath) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``path`` (``fcntl.flock`` on its lock file) until
    the block ends; other careerpath processes wait. Hold it across read, change and write,
    and read inside it: what was read before may already be stale.

    The lock file is removed on release, so nothing is left beside the user's file. A waiter
    that then locks the removed file notices (its inode is no longer the one at the path)
    and tries again, so two processes never both hold the lock.
    """
    lock = lock_path(path)
    while True:
        try:
            # O_NOFOLLOW: a planted symlink must not make us create a file elsewhere.
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, PRIVATE)
        except FileNotFoundError:
            # No folder, so no file to protect: the caller's read says what is missing.
            yield
            return
        except OSError as exc:
            why = _("is a symbolic link") if exc.errno == errno.ELOOP else exc.strerror
            raise OutputError(
                _("{path}: cannot lock it ({lock}: {reason})").format(
                    path=path, lock=lock, reason=why
                )
            ) from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OutputError(
                    _("{path}: cannot lock it ({lock} is not a regular file)").format(
                        path=path, lock=lock
                    )
                )
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                current = os.stat(lock, follow_symlinks=False)
            except FileNotFoundError:
                current = None
            held = os.fstat(fd)
            if current is not None and (current.st_dev, current.st_ino) == (
                held.st_dev,
                held.st_ino,
            ):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder before us removed this lock file: take the new one
    try:
        yield
    finally:
        # Remove while still holding the lock, then release (see the docstring).
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)
