"""Writing output never loses data (issue 9): `report -o`, `plan -o`, `questionnaire template -o`.

An existing file is kept unless --force; a symbolic link is never written through; a folder we
cannot write in, a render that fails, a disk that fills up or Ctrl-C mid-write all leave the old
file as it was and no temporary file behind; every new file is private (0600).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest
from conftest import EXAMPLES

from careerpath.cli import cli
from careerpath.render import pdf as pdf_render

GOOD = EXAMPLES / "answers" / "data-engineer-to-ml.yaml"
OLD = "old content, written by hand\n"


def argv(command: str, output: Path, force: bool = False) -> list[str]:
    args = {
        "report": ["report", "-a", str(GOOD), "--date", "2027-01-04"],
        "plan": ["plan", "-a", str(GOOD), "-t", "ml-engineer", "--start", "2027-01-04"],
        "template": ["questionnaire", "template"],
    }[command]
    return [*args, "-o", str(output), *(["--force"] if force else [])]


SUFFIX = {"report": ".html", "plan": ".html", "template": ".yaml"}
COMMANDS = list(SUFFIX)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "out"
    path.mkdir()
    return path


def old_file(folder: Path, command: str, suffix: str | None = None) -> Path:
    path = folder / f"{command}{suffix or SUFFIX[command]}"
    path.write_text(OLD)
    os.chmod(path, 0o644)
    return path


def listing(folder: Path) -> list[str]:
    """Every entry, hidden ones included: a leftover temporary file shows here."""
    return sorted(os.listdir(folder))


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def refused(result, *fragments: str) -> None:
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error: ")
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_file_is_kept_without_force(command, runner, folder):
    out = old_file(folder, command)
    result = runner.invoke(cli, argv(command, out))
    refused(result, f"{out}: already exists; use --force to overwrite it")
    assert out.read_text() == OLD and mode(out) == 0o644
    assert listing(folder) == [out.name]
    # And --force does replace it (the refusal above was not a failure to write at all).
    result = runner.invoke(cli, argv(command, out, force=True))
    assert result.exit_code == 0, result.output
    assert out.read_text() != OLD


@pytest.mark.parametrize("force", [False, True], ids=["no-force", "force"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_symlink_is_never_written_through(command, force, runner, folder, tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("precious\n")
    os.chmod(target, 0o644)
    out = folder / f"{command}{SUFFIX[command]}"
    out.symlink_to(target)
    result = runner.invoke(cli, argv(command, out, force=force))
    assert target.read_text() == "precious\n" and mode(target) == 0o644
    if force:
        # --force replaces the link itself with a new, private file.
        assert result.exit_code == 0, result.output
        assert not out.is_symlink() and out.is_file() and mode(out) == 0o600
        assert out.read_text(errors="replace") != "precious\n"
    else:
        refused(result, f"{out}: is a symbolic link; refusing to write through it")
        assert out.is_symlink() and os.readlink(out) == str(target)
    assert listing(folder) == [out.name]


@pytest.mark.parametrize("force", [False, True], ids=["no-force", "force"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_dangling_symlink_creates_no_file_where_it_points(command, force, runner, folder):
    target = folder.parent / "not-yet-there.txt"
    out = folder / f"{command}{SUFFIX[command]}"
    out.symlink_to(target)
    result = runner.invoke(cli, argv(command, out, force=force))
    assert not target.exists()
    if force:
        assert result.exit_code == 0, result.output
        assert not out.is_symlink() and mode(out) == 0o600
    else:
        refused(result, "is a symbolic link")
        assert out.is_symlink()


@pytest.fixture
def read_only(folder: Path, monkeypatch):
    """``folder`` made read-only. Root ignores permissions, so there the refusal the kernel
    would give is simulated where the tool asks for it: creating the temporary file."""
    os.chmod(folder, 0o500)
    if os.access(folder, os.W_OK):  # running as root
        real = tempfile.mkstemp

        def mkstemp(*args, **kwargs):
            if Path(kwargs.get("dir") or tempfile.gettempdir()).resolve() == folder.resolve():
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
            return real(*args, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    yield folder
    os.chmod(folder, 0o700)


@pytest.mark.parametrize("existing", [True, False], ids=["replace", "new"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_only_folder_fails_clearly_and_keeps_the_old_file(
    command, existing, runner, folder, read_only
):
    if existing:
        os.chmod(folder, 0o700)
        out = old_file(folder, command)
        os.chmod(folder, 0o500)
    else:
        out = folder / f"{command}{SUFFIX[command]}"
    result = runner.invoke(cli, argv(command, out, force=existing))
    refused(result, f"{out}: cannot write in {folder}: Permission denied")
    assert listing(folder) == ([out.name] if existing else [])
    if existing:
        assert out.read_text() == OLD and mode(out) == 0o644


@pytest.mark.parametrize("command", ["report", "plan"])
def test_a_failing_render_keeps_the_old_file(command, runner, folder, monkeypatch):
    out = old_file(folder, command, ".pdf")

    def broken(*args, **kwargs):
        raise RuntimeError("the font cache exploded")

    monkeypatch.setattr(pdf_render, "pdf_bytes", broken)
    result = runner.invoke(cli, argv(command, out, force=True))
    refused(result, f"{out}: could not render the PDF: the font cache exploded")
    assert out.read_text() == OLD and mode(out) == 0o644
    assert listing(folder) == [out.name]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_full_disk_keeps_the_old_file(command, runner, folder, monkeypatch):
    out = old_file(folder, command)

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = runner.invoke(cli, argv(command, out, force=True))
    refused(result, f"{out}: cannot write: No space left on device")
    assert out.read_text() == OLD and mode(out) == 0o644
    assert listing(folder) == [out.name]


@pytest.mark.parametrize("command", COMMANDS)
def test_ctrl_c_while_writing_keeps_the_old_file(command, runner, folder, monkeypatch):
    out = old_file(folder, command)

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    result = runner.invoke(cli, argv(command, out, force=True))
    assert result.exit_code == 130, result.output
    assert "Traceback" not in result.output
    assert out.read_text() == OLD
    assert listing(folder) == [out.name]


@pytest.mark.parametrize(
    ("command", "suffix"),
    [("report", ".html"), ("report", ".pdf"), ("plan", ".html"), ("template", ".yaml")],
)
def test_new_and_replaced_files_are_private(command, suffix, runner, folder):
    old_umask = os.umask(0)  # whatever the umask, the file is 0600
    try:
        new = folder / f"new-{command}{suffix}"
        result = runner.invoke(cli, argv(command, new))
        assert result.exit_code == 0, result.output
        assert mode(new) == 0o600
        replaced = old_file(folder, command, suffix)
        result = runner.invoke(cli, argv(command, replaced, force=True))
        assert result.exit_code == 0, result.output
        assert mode(replaced) == 0o600 and replaced.read_bytes() != OLD.encode()
    finally:
        os.umask(old_umask)
    assert listing(folder) == sorted([new.name, replaced.name])


# --- what is never replaced, even with --force (issue 13) ---------------------------------


@pytest.mark.parametrize("force", [False, True], ids=["no-force", "force"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_never_replaced(command, force, runner, folder):
    out = folder / f"{command}{SUFFIX[command]}"
    os.mkfifo(out)
    result = runner.invoke(cli, argv(command, out, force=force))
    refused(result, f"{out}: is not a regular file (a pipe, socket or device); refusing")
    assert stat.S_ISFIFO(os.lstat(out).st_mode)
    assert listing(folder) == [out.name]


@pytest.mark.parametrize("force", [False, True], ids=["no-force", "force"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_only_file_is_never_replaced(command, force, runner, folder):
    out = old_file(folder, command)
    os.chmod(out, 0o444)
    result = runner.invoke(cli, argv(command, out, force=force))
    refused(result, f"{out}: is read-only; make it writable first (chmod u+w {out})")
    assert out.read_text() == OLD and mode(out) == 0o444
    assert listing(folder) == [out.name]


@pytest.fixture
def dev_untouchable(monkeypatch):
    """Whatever the code under test does, nothing in /dev is created or renamed over (the
    suite may run as root, where renaming over /dev/null would delete it)."""
    real_replace, real_mkstemp = os.replace, tempfile.mkstemp

    def replace(src, dst, *args, **kwargs):
        if os.path.realpath(dst).startswith("/dev/"):
            raise PermissionError(errno.EPERM, "the test refuses to rename over /dev")
        return real_replace(src, dst, *args, **kwargs)

    def mkstemp(*args, **kwargs):
        if os.path.realpath(kwargs.get("dir") or tempfile.gettempdir()).startswith("/dev"):
            raise PermissionError(errno.EPERM, "the test refuses to create files in /dev")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize("command", ["report", "template"])
def test_dev_null_is_never_replaced(command, runner, dev_untouchable):
    args = argv(command, Path("/dev/null"), force=True)
    result = runner.invoke(cli, [*args, "--format", "html"] if command == "report" else args)
    refused(result, "/dev/null: is not a regular file (a pipe, socket or device); refusing")
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


@pytest.fixture
def person(tmp_path: Path) -> Path:
    """A folder of one person's answers (a copy: the command under test may destroy it)."""
    folder = tmp_path / "people"
    folder.mkdir()
    path = folder / "daniel.yaml"
    path.write_bytes(GOOD.read_bytes())
    return path


INPUT_COMMANDS = {
    "report": lambda a: ["report", "-a", str(a)],
    "plan": lambda a: ["plan", "-a", str(a), "-t", "ml-engineer"],
    "compare": lambda a: ["compare", str(GOOD), str(a)],
    "cohort": lambda a: ["cohort", str(a.parent)],  # the file is read from its folder
    "team": lambda a: ["team", str(a)],
}


@pytest.mark.parametrize("command", list(INPUT_COMMANDS))
def test_an_input_is_never_overwritten_by_the_output(command, runner, person):
    before = person.read_bytes()
    args = [*INPUT_COMMANDS[command](person), "--format", "html", "-o", str(person), "--force"]
    result = runner.invoke(cli, args)
    # Refused before the input check: no rendered output goes under a data file's name (the
    # check by identity is shown under other names, below).
    assert result.exit_code == 2, result.output
    assert f"{person}: a .yaml name is for data, not for a report" in result.stderr
    assert person.read_bytes() == before
    assert listing(person.parent) == [person.name]


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_a_word_document_name_is_refused_in_words_that_fit_it(suffix, runner, person):
    """A CV (what prefill reads) is never replaced by a report; and someone who hoped for a
    Word report is told which formats there are, not that .docx "is for data"."""
    cv = person.parent / f"cv{suffix}"
    cv.write_bytes(b"a CV")
    result = runner.invoke(cli, ["report", "-a", str(person), "-o", str(cv), "--force"])
    assert result.exit_code == 2, result.output
    assert f"{cv}: careerpath writes reports as HTML or PDF, not {suffix}" in result.stderr
    assert "is for data" not in result.stderr
    assert cv.read_bytes() == b"a CV"


@pytest.mark.parametrize("alias", ["dotdot", "symlink", "hardlink"])
def test_an_input_under_another_name_is_refused_too(alias, runner, person):
    before = person.read_bytes()
    other = person.parent / "other.html"
    if alias == "dotdot":
        other = person.parent / ".." / person.parent.name / person.name
    elif alias == "symlink":
        other.symlink_to(person)
    else:
        os.link(person, other)
    args = ["report", "-a", str(person), "--format", "html", "-o", str(other), "--force"]
    result = runner.invoke(cli, args)
    if alias == "dotdot":  # the same .yaml name: refused by its name first
        assert result.exit_code == 2 and "a .yaml name is for data" in result.stderr
    else:
        refused(result, f"{other}: is an input of this command")
    assert person.read_bytes() == before


def test_mentor_notes_are_an_input_too(runner, person):
    notes = person.parent / "notes.txt"
    notes.write_text("Talk about the MLOps course.\n")
    args = ["report", "-a", str(person), "--mentor-notes", str(notes), "--format", "html"]
    result = runner.invoke(cli, [*args, "-o", str(notes), "--force"])
    refused(result, f"{notes}: is an input of this command; refusing")
    assert notes.read_text() == "Talk about the MLOps course.\n"
