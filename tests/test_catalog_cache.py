"""The cache of the validated catalogue (catalog_cache.py): right or ignored, never stale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from careerpath import catalog_cache
from careerpath.catalog import _load, load_catalog
from careerpath.cli import cli
from careerpath.settings import NO_CACHE_ENV


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(NO_CACHE_ENV, raising=False)
    _load.cache_clear()  # the in-process cache would hide the disk one
    yield home / "careerpath"
    _load.cache_clear()


def fresh(data: Path):
    _load.cache_clear()
    return load_catalog(data)


def same(a, b) -> bool:
    return (
        a.fingerprint == b.fingerprint
        and a.info == b.info
        and a.skills == b.skills
        and a.roles == b.roles
        and a.roadmaps == b.roadmaps
        and a.categories == b.categories
        and a.warnings == b.warnings
        and a.resolve_skill("Excel") == b.resolve_skill("Excel")
    )


def cache_files(home: Path) -> list[Path]:
    return sorted(home.glob("catalog-*.pickle")) if home.exists() else []


def test_the_second_load_comes_from_the_cache_and_equals_the_first(cache_home, data_copy):
    first = fresh(data_copy)
    [entry] = cache_files(cache_home)
    assert entry.stat().st_mode & 0o077 == 0  # private
    second = fresh(data_copy)
    assert second is not first and same(first, second)
    # Really read from the file: a catalogue loaded from it keeps working when the files go.
    entry.write_bytes(entry.read_bytes())  # same content, still trusted
    assert same(fresh(data_copy), first)


@pytest.mark.parametrize(
    ("relative", "field"),
    [
        ("catalog.yaml", "name: "),
        ("skills", "name: "),
        ("roles/ml-engineer.yaml", "name: "),
        ("roadmaps", "title: "),
    ],
)
def test_editing_any_catalogue_file_invalidates_it_even_with_size_and_mtime_kept(
    cache_home, data_copy, relative, field
):
    target = data_copy / relative
    if target.is_dir():
        target = sorted(target.glob("*.yaml"))[0]
    before = fresh(data_copy)
    info = target.stat()
    text = target.read_text(encoding="utf-8")
    # One letter of a name changes; the length and the mtime stay: only the content differs.
    at = text.index(field) + len(field)
    letter = "Q" if text[at] != "Q" else "Z"
    target.write_text(text[:at] + letter + text[at + 1 :], encoding="utf-8")
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert target.stat().st_size == info.st_size
    after = fresh(data_copy)
    assert after.fingerprint != before.fingerprint
    names = [after.info.name]
    names += [c.name for c in after.categories.values()]
    names += [s.name for s in after.skills.values()] + [r.name for r in after.roles.values()]
    names += [m.title for m in after.roadmaps.values()]
    assert any(n.startswith(letter) for n in names)


def test_a_valid_edit_is_seen_at_once(cache_home, data_copy):
    role = data_copy / "roles" / "data-analyst.yaml"
    fresh(data_copy)
    role.write_text(role.read_text().replace("name: Data Analyst", "name: Data Analyst X"))
    assert fresh(data_copy).roles["data-analyst"].name == "Data Analyst X"


def test_adding_a_file_invalidates_it(cache_home, data_copy):
    before = fresh(data_copy)
    roadmap = next((data_copy / "roadmaps").glob("*.yaml"))
    copy = roadmap.with_name("zz-copy.yaml")
    copy.write_text(roadmap.read_text().replace(f"id: {roadmap.stem}", "id: zz-copy", 1))
    after = fresh(data_copy)
    assert len(after.roadmaps) == len(before.roadmaps) + 1


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other-version", "code"])
def test_a_damaged_cache_is_ignored_and_rebuilt(cache_home, data_copy, damage, monkeypatch):
    good = fresh(data_copy)
    [entry] = cache_files(cache_home)
    raw = entry.read_bytes()
    if damage == "garbage":
        entry.write_bytes(raw[:60] + os.urandom(2000))
    elif damage == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "code":  # the tool's code changed, its version did not
        code = data_copy.parent / "code"
        code.mkdir()
        package = Path(catalog_cache.__file__).parent
        for module in package.rglob("*.py"):
            copy = code / module.relative_to(package)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(module.read_bytes())
        monkeypatch.setattr(catalog_cache, "_CODE", code)
        assert catalog_cache.read(data_copy.resolve(), _key(data_copy)) is None
        (code / "models" / "inputs.py").write_text("# changed\n", encoding="utf-8")
        assert catalog_cache.read(data_copy.resolve(), _key(data_copy)) is None
    else:
        monkeypatch.setattr("careerpath.__version__", "0.0.0-other")
    assert same(fresh(data_copy), good)
    assert len(cache_files(cache_home)) == 1  # rebuilt in place
    assert same(catalog_cache.read(data_copy.resolve(), _key(data_copy)), good)


def _key(data: Path) -> bytes:
    from careerpath.catalog import _files, existing

    return catalog_cache.key(data.resolve(), existing(_files(data.resolve())))


def test_a_cache_others_could_write_is_never_read(cache_home, data_copy):
    fresh(data_copy)
    [entry] = cache_files(cache_home)
    entry.chmod(0o666)
    assert catalog_cache.read(data_copy.resolve(), _key(data_copy)) is None
    entry.chmod(0o600)
    cache_home.chmod(0o777)
    assert catalog_cache.read(data_copy.resolve(), _key(data_copy)) is None
    cache_home.chmod(0o700)
    assert catalog_cache.read(data_copy.resolve(), _key(data_copy)) is not None


def test_an_unwritable_cache_folder_never_fails_the_command(cache_home, data_copy):
    cache_home.parent.mkdir(parents=True)
    cache_home.write_text("a file where the folder should be")
    assert fresh(data_copy).roles
    assert cache_home.read_text() == "a file where the folder should be"


def test_no_cache_option_and_environment_variable_write_nothing(
    cache_home, data_copy, runner, monkeypatch
):
    # "0" means on; set here so that the variable the option sets is undone after the test.
    monkeypatch.setenv(NO_CACHE_ENV, "0")
    result = runner.invoke(cli, ["--no-cache", "--data-dir", str(data_copy), "roles"])
    assert result.exit_code == 0, result.output
    assert cache_files(cache_home) == []
    # The option works through the environment, so child processes (batch workers) see it.
    assert os.environ[NO_CACHE_ENV] == "1"
    _load.cache_clear()
    assert fresh(data_copy).roles and cache_files(cache_home) == []
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home.parent)}
    env[NO_CACHE_ENV] = "1"
    code = f"from careerpath.catalog import load_catalog; load_catalog({str(data_copy)!r})"
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert cache_files(cache_home) == []
    env.pop(NO_CACHE_ENV)
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert len(cache_files(cache_home)) == 1


def test_help_does_not_touch_the_cache(cache_home, runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0 and "--no-cache" in result.output
    assert cache_files(cache_home) == []
