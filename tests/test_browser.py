"""The report in a real browser (issue 6): headless Chromium loads the HTML with no console
message at all (the page has no JavaScript, so any message is an error or a Content-Security-
Policy violation) and paints a page that is not blank. Missing Chromium fails in CI (CI=true)
and skips elsewhere, through conftest.require_tool.

Chromium writes console messages to stderr as ``INFO:CONSOLE...`` lines with
``--enable-logging=stderr``; a control page that violates the policy proves the check sees them.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT, require_tool
from PIL import Image

from careerpath.cli import cli

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1200, 1600
COMPLAINTS = ("CONSOLE", "Uncaught", "Refused to", "Content Security Policy", "Failed to load")


def chromium(
    browser: str, tmp: Path, *action: str, height: int = HEIGHT
) -> subprocess.CompletedProcess:
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            "--hide-scrollbars",
            f"--window-size={WIDTH},{height}",
            *action,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def complaints(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if any(c in line for c in COMPLAINTS)]


@pytest.fixture(scope="module")
def browser() -> str:
    return require_tool("chromium")


def render(tmp: Path, answers: Path) -> Path:
    out = tmp / "report.html"
    result = CliRunner().invoke(
        cli, ["report", "-a", str(answers), "--date", "2027-01-04", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(
    "answers",
    [EXAMPLES / "answers" / "data-engineer-to-ml.yaml", ROOT / "tests/fixtures/hostile.yaml"],
    ids=["example", "hostile"],
)
def test_report_loads_without_console_errors_and_paints_a_page(browser, tmp_path, answers):
    page = render(tmp_path, answers)
    shot = tmp_path / "shot.png"
    run = chromium(browser, tmp_path, f"--screenshot={shot}", page.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert complaints(run.stderr) == []
    with Image.open(shot) as image:
        assert image.size == (WIDTH, HEIGHT)
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 16)
        assert colours is None or len(colours) > 50, "screenshot is (nearly) one colour"
        # Text and charts cover a fair share of the first screen, not a stray pixel.
        grey = rgb.convert("L")
        inked = sum(count for value, count in enumerate(grey.histogram()) if value < 200)
        assert inked > 0.02 * WIDTH * HEIGHT
        # Blue from the headings' rules and the bar chart: the stylesheet and SVG were used.
        blues = [c for _, c in (colours or []) if c[2] > 150 and c[0] < 120]
        assert colours is None or blues


def test_hostile_report_dom_has_no_injected_elements(browser, tmp_path):
    """The DOM Chromium builds from the hostile report holds the payloads as text only."""
    page = render(tmp_path, ROOT / "tests/fixtures/hostile.yaml")
    run = chromium(browser, tmp_path, "--dump-dom", page.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert "Career path report" in dom and "Mallory" in dom
    assert "<img" not in dom and "<script" not in dom
    # No element carries an event handler (the payloads' "onerror=" is escaped text).
    assert not re.search(r"<[a-zA-Z][^<>]*\son[a-z]+=", dom)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert 'href="javascript:' not in dom.lower()
    assert complaints(run.stderr) == []


def test_console_check_sees_policy_violations_and_script_errors(browser, tmp_path):
    """Control: the same check fails on a page that breaks the policy or throws."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><meta http-equiv='Content-Security-Policy' "
        "content=\"default-src 'none'\"></head><body><p>x</p>"
        "<img src='https://example.invalid/pixel.png'><script>nope()</script></body></html>",
        encoding="utf-8",
    )
    run = chromium(browser, tmp_path, f"--screenshot={tmp_path / 'bad.png'}", bad.as_uri())
    found = complaints(run.stderr)
    assert any("Content Security Policy" in line for line in found), run.stderr[-2000:]
    assert len(found) >= 2  # the image and the inline script


def test_summary_screen_shows_the_progress_chart_and_the_review_box(browser, tmp_path):
    """What a mentor sees first in a browser: the progress chart's states (done green,
    learning amber) are painted above the review box and the detail, within the first two
    screens; Chromium reports nothing while drawing them."""
    answers = tmp_path / "progress.yaml"
    answers.write_text(
        (EXAMPLES / "answers" / "data-engineer-to-ml.yaml").read_text(encoding="utf-8")
        + "progress:\n  math-for-ml-refresher: {status: done, date: 2027-01-02}\n"
        "  pandas-numpy-for-ml: {status: learning}\n",
        encoding="utf-8",
    )
    page = render(tmp_path, answers)
    html = page.read_text(encoding="utf-8")
    # The summary's chart and the box come before the first detailed section.
    assert html.index('class="chart chart-progress"') < html.index('id="mentor"')
    assert html.index('id="mentor"') < html.index('id="roles"')
    shot = tmp_path / "shot.png"
    run = chromium(browser, tmp_path, f"--screenshot={shot}", page.as_uri(), height=2 * HEIGHT)
    assert run.returncode == 0, run.stderr[-2000:]
    assert complaints(run.stderr) == []
    with Image.open(shot) as image:
        colours = {c for _, c in image.convert("RGB").getcolors(maxcolors=1 << 20) or []}
    # The fills of a done and a learning cell (exact: flat SVG rectangles are not blended).
    assert (0x1D, 0x6B, 0x35) in colours and (0xE8, 0xA3, 0x17) in colours
