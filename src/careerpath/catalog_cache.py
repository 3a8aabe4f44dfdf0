"""The validated catalogue, kept between runs in the user's cache folder.

Reading and validating the catalogue's hundred-odd YAML files is most of a small command's own
work (about 60 ms; loading the cached result takes about 3 ms). The cache is correct by
construction: its key covers the tool, Python and pydantic versions, the size and mtime of
every module of the tool itself, the catalogue folder and every catalogue file's path, size,
mtime and content, so any edit, a release, a changed working copy, or another folder misses
it. It is only ever an optimisation: a cache that is unreadable, truncated, corrupted, written
by another version, or that others could have written is ignored and rebuilt, and a cache
that cannot be written is simply not written.

Turn it off with ``careerpath --no-cache`` or ``CAREERPATH_NO_CACHE=1``. It lives in
``platformdirs.user_cache_dir("careerpath")`` (``~/.cache/careerpath`` on Linux, which
``XDG_CACHE_HOME`` moves).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from careerpath.settings import Settings

if TYPE_CHECKING:
    from careerpath.catalog import Catalog

_MAGIC = b"careerpath catalogue cache 1\n"
_CODE = Path(__file__).parent


def enabled() -> bool:
    return not Settings.read().no_cache


def folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("careerpath", appauthor=False))


def key(root: Path, files: Iterable[Path]) -> bytes:
    """A digest of everything the loaded catalogue depends on."""
    import pydantic

    from careerpath import __version__, i18n

    digest = hashlib.sha256()
    # The language too: the catalogue's problems and warnings are written in it.
    parts = (__version__, platform.python_version(), pydantic.VERSION, str(root), i18n.current())
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    # The code too: a working copy changes the models without a new version number, and a
    # pickle of old model objects would then load without the new fields.
    # And the compiled message catalogues: the problems and warnings are written from them.
    code = [*_CODE.rglob("*.py"), *_CODE.glob("locale/*/LC_MESSAGES/*.mo")]
    for module in sorted(code):  # subpackages too: the models live in models/
        info = module.stat()
        name = module.relative_to(_CODE).as_posix().encode()
        digest.update(b"%s\0%d\0%d\0" % (name, info.st_size, info.st_mtime_ns))
    for path in sorted(files):
        info = path.stat()
        name = str(path.relative_to(root)).encode("utf-8", "surrogateescape")
        digest.update(b"%s\0%d\0%d\0" % (name, info.st_size, info.st_mtime_ns))
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest().encode()


def _path(root: Path) -> Path:
    # One file per catalogue folder and language, so a changed catalogue replaces its entry,
    # never piles up.
    from careerpath import i18n

    folder_and_language = f"{root}\0{i18n.current()}" if i18n.current() != "en" else str(root)
    name = hashlib.sha256(folder_and_language.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return folder() / f"catalog-{name}.pickle"


def _trusted(info: os.stat_result) -> bool:
    """Only what this user alone could have written: unpickling runs code, so a cache file
    someone else can write is never read."""
    if not hasattr(os, "getuid"):  # Windows: the user's profile folder is private already
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read(root: Path, expected: bytes) -> Catalog | None:
    """The cached catalogue for ``root`` if its key is ``expected``, else None."""
    from careerpath.catalog import Catalog

    path = _path(root)
    try:
        if not _trusted(path.parent.stat()):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode) or not _trusted(info):
                return None
            data = f.read()
    except OSError:
        return None
    header = _MAGIC + expected + b"\n"
    if not data.startswith(header):
        return None
    try:
        catalog = pickle.loads(data[len(header) :])
    except Exception:  # truncated or corrupted: any error at all means "not cached"
        return None
    return catalog if isinstance(catalog, Catalog) else None


def write(root: Path, current: bytes, catalog: Catalog) -> None:
    """Store ``catalog`` under ``current``, atomically; never fails the command."""
    path = _path(root)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".catalog-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC + current + b"\n")
            pickle.dump(catalog, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # readers see the old file or the new one, never half of one
    except Exception:
        Path(tmp).unlink(missing_ok=True)
