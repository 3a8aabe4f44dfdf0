"""Many careerpath processes at once, and signals (issue 13, "Lost data").

Real processes (``python -m careerpath``), never threads: the lock is between processes, and
a signal's default action only shows in a real one. Every wait is bounded, generously, and
nothing asserts how fast anything is.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, default_sigint

from careerpath.answers import load_answers
from careerpath.errors import OutputError
from careerpath.output import lock_path, locked
from careerpath.planner import build_plan
from careerpath.progress import record_progress
from careerpath.questionnaire import Session

SOURCE = EXAMPLES / "answers" / "data-engineer-to-ml.yaml"
DAY = "2026-11-20"
LONG = 300  # seconds: a bound for a wait on a loaded machine, never an expectation

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")


def careerpath(*args: str) -> list[str]:
    return [sys.executable, "-m", "careerpath", *args]


def wait_for(condition: Callable[[], object], what: str, timeout: float = LONG) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    pytest.fail(f"gave up after {timeout} s waiting for {what}")


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    folder = tmp_path / "person"
    folder.mkdir()
    path = folder / "daniel.yaml"
    path.write_bytes(SOURCE.read_bytes())
    return path


def plan_steps(path: Path, catalog) -> list[str]:
    profile = load_answers(path, catalog)
    return [s.id for s in build_plan(profile, catalog, profile.person.target_role).steps()]


def progress_of(path: Path, catalog) -> dict[str, str]:
    return {k: v.status for k, v in load_answers(path, catalog).answers.progress.items()}


# --- concurrent writers of one answers file -------------------------------------------------


@pytest.mark.parametrize("writers", [2, 20])
def test_concurrent_progress_updates_are_all_kept(writers, answers, catalog):
    # Two at once lost an update in most trials, not all: several rounds make it certain.
    rounds = 5 if writers == 2 else 1
    steps = plan_steps(answers, catalog)
    assert len(steps) >= writers * rounds
    expected: set[str] = set()
    for r in range(rounds):
        chosen = steps[r * writers : (r + 1) * writers]
        procs = [
            subprocess.Popen(
                careerpath("progress", "-a", str(answers), step, "--done", "--date", DAY),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for step in chosen
        ]
        for step, proc in zip(chosen, procs, strict=True):
            out, err = proc.communicate(timeout=LONG)
            assert proc.returncode == 0, err
            assert out == f"{step}: done (saved in {answers})\n"
        expected |= set(chosen)
        assert progress_of(answers, catalog) == dict.fromkeys(expected, "done")
    # Neither a lock file nor a temporary file is left beside the person's file.
    assert os.listdir(answers.parent) == [answers.name]


def test_a_writer_waits_for_the_lock_and_reads_the_file_again(answers, catalog):
    steps = plan_steps(answers, catalog)
    with locked(answers):
        proc = subprocess.Popen(
            careerpath("progress", "-a", str(answers), steps[0], "--done", "--date", DAY),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # Whatever the process read before it got the lock would be stale by now.
        wait_for(lambda: _waiting_for_a_lock(proc), "the writer to wait for the lock")
        record = answers.read_text() + "# added while the lock was held\n"
        answers.write_text(record)
        assert proc.poll() is None
    _, err = proc.communicate(timeout=LONG)
    assert proc.returncode == 0, err
    text = answers.read_text()
    assert text.startswith(record)  # kept: the writer re-read the file under the lock
    assert progress_of(answers, catalog) == {steps[0]: "done"}


def _waiting_for_a_lock(proc: subprocess.Popen) -> bool:
    if proc.poll() is not None:
        pytest.fail(f"the writer did not wait for the lock: {proc.communicate()}")
    # /proc/locks lists a blocked request as "N: -> FLOCK  ADVISORY  WRITE PID ...".
    with open("/proc/locks") as fh:
        return any(line.split()[1:2] == ["->"] and line.split()[5] == str(proc.pid) for line in fh)


def test_sigterm_while_waiting_for_the_lock_exits_143_and_changes_nothing(answers, catalog):
    before = answers.read_bytes()
    steps = plan_steps(answers, catalog)
    with locked(answers):
        proc = subprocess.Popen(
            careerpath("progress", "-a", str(answers), steps[0], "--done"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_for(lambda: _waiting_for_a_lock(proc), "the writer to wait for the lock")
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=LONG)
    assert proc.returncode == 143, err
    assert err == "\nterminated\n" and out == ""
    assert answers.read_bytes() == before
    assert os.listdir(answers.parent) == [answers.name]


def test_the_lock_is_shared_by_a_symlink_and_its_file(answers, tmp_path):
    link = tmp_path / "link.yaml"
    link.symlink_to(answers)
    assert lock_path(link) == lock_path(answers) == answers.with_name(".daniel.yaml.lock")


def test_a_planted_lock_symlink_is_refused_and_creates_nothing(answers, catalog, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    lock_path(answers).symlink_to(elsewhere)
    with pytest.raises(OutputError, match=r"daniel\.yaml: cannot lock it .*symbolic link"):
        record_progress(answers, catalog, plan_steps(answers, catalog)[0], "done")
    assert not elsewhere.exists()


def test_progress_on_a_missing_folder_still_says_the_file_is_missing(tmp_path, catalog):
    with pytest.raises(Exception, match="file not found"):
        record_progress(tmp_path / "nowhere" / "a.yaml", catalog, "x", "done")


def test_a_questionnaire_session_keeps_progress_recorded_meanwhile(answers, catalog):
    """The questionnaire saves its answers after every question; a `progress` in between must
    not be undone by the next save."""
    session = Session.resume(catalog, answers)
    step = plan_steps(answers, catalog)[0]
    record_progress(answers, catalog, step, "done")
    session.record("python", 2)
    profile = load_answers(answers, catalog)
    assert progress_of(answers, catalog) == {step: "done"}
    assert profile.levels["python"] == 2


# --- signals to a batch ---------------------------------------------------------------------


def _children() -> dict[int, int]:
    """pid -> parent pid of every process."""
    found = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    # The command name (field 2) may hold spaces: split after its ")".
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            found[int(entry)] = int(fields[1])
    return found


def descendants(pid: int) -> set[int]:
    parents = _children()
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture
def big_batch(tmp_path: Path) -> Path:
    """Enough PDF reports that two workers are still busy when the signal comes."""
    folder = tmp_path / "in"
    folder.mkdir()
    people = sorted((EXAMPLES / "cohort").glob("*.yaml"))
    for i in range(6):
        for f in people:
            shutil.copy(f, folder / f"{i}-{f.name}")
    return folder


def start_batch(folder: Path, out: Path) -> subprocess.Popen:
    args = ["report", "--batch", str(folder), "--out-dir", str(out), "--jobs", "2"]
    return subprocess.Popen(
        careerpath(*args, "--format", "pdf", "--date", DAY),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_sigint,  # the test may interrupt it with SIGINT
    )


def _started(proc: subprocess.Popen, out: Path) -> set[int]:
    """Once a report is written and the workers are running: the batch's processes."""
    if proc.poll() is not None:
        pytest.fail(f"the batch ended before the signal: {proc.communicate()}")
    if not out.is_dir() or not any(p.suffix == ".pdf" for p in out.iterdir()):
        return set()
    found = descendants(proc.pid)
    return found if len(found) >= 2 else set()


def _end(pids: set[int]) -> None:
    # Clean up after a failing run: only the processes this test started.
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("how", ["sigterm", "sigint"])
def test_a_signal_to_a_batch_ends_every_worker_and_leaves_no_temporary_file(
    how, big_batch, tmp_path
):
    out = tmp_path / "out"
    proc = start_batch(big_batch, out)
    workers: set[int] = set()
    try:
        workers = wait_for(lambda: _started(proc, out), "the batch to start")  # type: ignore[assignment]
        proc.send_signal(signal.SIGTERM if how == "sigterm" else signal.SIGINT)
        _, err = proc.communicate(timeout=LONG)
        assert proc.returncode == (143 if how == "sigterm" else 130), err
        assert err.rstrip().endswith("terminated" if how == "sigterm" else "interrupted")
        assert "Traceback" not in err
        wait_for(lambda: not any(alive(p) for p in workers), "the workers to end")
    finally:
        _end(workers | {proc.pid})
    leftovers = [n for n in os.listdir(out) if not n.endswith(".pdf") or n.startswith(".")]
    assert leftovers == []
    written = [out / n for n in os.listdir(out)]
    assert 0 < len(written) < len(os.listdir(big_batch))  # stopped part way through
    assert all(p.read_bytes().startswith(b"%PDF-") for p in written)  # each one whole


def test_workers_end_when_the_batch_is_killed_outright(big_batch, tmp_path):
    out = tmp_path / "out"
    proc = start_batch(big_batch, out)
    workers: set[int] = set()
    try:
        workers = wait_for(lambda: _started(proc, out), "the batch to start")  # type: ignore[assignment]
        proc.kill()  # SIGKILL: the parent can do nothing; the workers notice on their own
        proc.communicate(timeout=LONG)
        wait_for(lambda: not any(alive(p) for p in workers), "the workers to end")
    finally:
        _end(workers | {proc.pid})
    assert [n for n in os.listdir(out) if not n.endswith(".pdf") or n.startswith(".")] == []
