"""`report --open` where there is no viewer: one message saying so and where the file is, a
non-zero exit, and none of the opener's own output. (The subprocess tests are Linux's, like
the CI they run in: elsewhere the opener is `open` or the Windows shell.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES

from careerpath import viewer

ANSWERS = str(EXAMPLES / "answers" / "data-engineer-to-ml.yaml")

# What xdg-open prints on a server without a desktop: one line per browser it tried.
NOISY_OPENER = """#!/bin/sh
echo "$1" > "$(dirname "$0")/opened"
for b in www-browser links2 elinks links lynx w3m firefox; do
  echo "/usr/bin/xdg-open: 882: $b: not found" >&2
done
exit %d
"""


def fake_opener(tmp_path: Path, status: int) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    opener = bin_dir / "xdg-open"
    opener.write_text(NOISY_OPENER % status, encoding="utf-8")
    opener.chmod(0o755)
    return bin_dir


def run_report(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "careerpath",
            "report",
            "--answers",
            ANSWERS,
            "-o",
            "report.html",
            "--date",
            "2027-01-04",
            "--open",
        ],
        cwd=tmp_path,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_opener_that_finds_no_viewer_is_reported_once_with_the_file(tmp_path):
    bin_dir = fake_opener(tmp_path, status=3)
    done = run_report(tmp_path, {"PATH": f"{bin_dir}:{os.environ['PATH']}", "DISPLAY": ":7"})
    report = tmp_path / "report.html"
    assert (bin_dir / "opened").read_text().strip() == str(report.resolve())  # it was asked
    assert done.returncode == 1
    assert done.stdout == f"Report written to {report.resolve()}\n"
    assert done.stderr == (
        "error: no viewer found to open it (xdg-open found none (exit status 3)); "
        f"the file is {report.resolve()}\n"
    )
    assert "not found" not in done.stdout + done.stderr  # none of the opener's seven lines


def test_without_a_desktop_the_opener_is_not_even_tried(tmp_path):
    bin_dir = fake_opener(tmp_path, status=0)
    done = run_report(tmp_path, {"PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert done.returncode == 1
    assert not (bin_dir / "opened").exists()
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(
        "error: no viewer found to open it (no desktop session: DISPLAY and WAYLAND_DISPLAY "
        "are not set); the file is "
    )
    assert (tmp_path / "report.html").exists()  # the report itself was written


def test_an_opener_that_works_is_silent_and_exits_0(tmp_path):
    bin_dir = fake_opener(tmp_path, status=0)
    done = run_report(tmp_path, {"PATH": f"{bin_dir}:{os.environ['PATH']}", "DISPLAY": ":7"})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert (bin_dir / "opened").exists()


def test_open_in_viewer_says_why_not(tmp_path, monkeypatch):
    monkeypatch.setattr(viewer.sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    page = tmp_path / "r.html"
    page.write_text("<p>hi</p>", encoding="utf-8")
    assert "no desktop session" in viewer.open_in_viewer(page)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setattr(viewer.shutil, "which", lambda name: None)
    assert viewer.open_in_viewer(page) == "xdg-open is not installed"
