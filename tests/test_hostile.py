"""Hostile and broken input (issue 9), across the commands that read answers files.

Files: every broken or malicious answers file gets exit 1, a message on stderr naming the file
(and the line and field where the format tells us), no traceback, nothing written, and all of
it within a second (a robustness bound: nothing may parse an alias bomb or read /dev/zero).

Text: hostile text in every free-text field (name, evidence, mentor notes, role names of a
custom catalogue) is shown literally in the HTML report, never as markup or a link, and the
PDF holds all of it, a 20,000-character unbroken token included, without fetching anything.

Network: the guard that keeps the whole suite offline (pytest-socket) is really active.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pypdf
import pytest
import tinyhtml5
import yaml
from conftest import EXAMPLES
from pytest_socket import SocketBlockedError

from careerpath.answers import load_answers
from careerpath.catalog import load_catalog
from careerpath.cli import cli
from careerpath.errors import printable
from careerpath.render import pdf as pdf_render

GOOD = EXAMPLES / "answers" / "data-engineer-to-ml.yaml"
COMMANDS = ["assess", "plan", "report", "compare", "cohort"]


def argv(command: str, answers: Path, out: Path) -> list[str]:
    """The command reading ``answers``; every command that can write, writes into ``out``."""
    return {
        "assess": ["assess", "--answers", str(answers)],
        "plan": ["plan", "-a", str(answers), "-t", "ml-engineer", "-o", str(out / "plan.html")],
        "report": ["report", "-a", str(answers), "-o", str(out / "report.html")],
        "compare": ["compare", str(GOOD), str(answers), "-o", str(out / "compare.html")],
        "cohort": ["cohort", str(answers), "-o", str(out / "cohort.html")],
    }[command]


@pytest.fixture(scope="module", autouse=True)
def warm():
    """Load the modules and the bundled catalogue once, so that the time bound below measures
    how long the tool takes to refuse a file, not Python importing numpy."""
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["assess", "--answers", str(GOOD)])
    assert result.exit_code == 0, result.output


@pytest.fixture
def out(tmp_path: Path, monkeypatch) -> Path:
    """An empty folder that is also the working directory: nothing may appear in it."""
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def invoke(runner, args: list[str]):
    return runner.invoke(cli, args)


def assert_refused(result, out: Path, *expected: str) -> None:
    """Exit 1, every expected fragment on stderr, no traceback, nothing written.

    Blow-ups (a parser that recurses or expands) are caught by each test's generous
    pytest-timeout, not by a wall-clock assertion that a loaded machine could fail."""
    detail = f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.exit_code == 1, detail
    assert isinstance(result.exception, SystemExit), repr(result.exception)  # not a crash
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: "), detail
    for fragment in expected:
        assert fragment in result.stderr, f"{fragment!r} not in stderr:\n{result.stderr}"
    assert sorted(p.name for p in out.iterdir()) == [], "something was written"


# --- hostile files ---------------------------------------------------------------------------
# Each builder writes one file into ``folder`` and returns (path, fragments the message must
# contain besides the path). A fragment "@N" means "the path followed by :N", the line.

Case = Callable[[Path], tuple[Path, list[str]]]


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def alias_bomb(folder: Path):
    # Billion laughs: 10^9 "lol"s from a few hundred bytes, if anything expanded the aliases.
    lines = ['lol0: &l0 "lol"']
    lines += [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 10)]
    return _write(folder / "bomb.yaml", "\n".join(lines) + "\n"), ["@1", "anchors and aliases"]


def alias_in_answers(folder: Path):
    text = "schema_version: 1\nperson: &who {name: Ann}\nskills: {python: 3}\n"
    return _write(folder / "alias.yaml", text), ["@2", "anchors and aliases"]


def python_apply(folder: Path):
    marker = folder / "PWNED"
    text = (
        f'schema_version: 1\nperson:\n  name: !!python/object/apply:os.system ["touch {marker}"]\n'
    )
    return _write(folder / "apply.yaml", text), [
        "@3",
        "python/object/apply:os.system",
        "not allowed",
    ]


def python_new(folder: Path):
    marker = folder / "PWNED"
    text = f"skills: !!python/object/new:subprocess.Popen [[touch, {marker}]]\n"
    return _write(folder / "new.yaml", text), ["@1", "python/object/new", "not allowed"]


def deep_yaml_lists(folder: Path):
    text = "schema_version: 1\nskills: " + "[" * 100_000 + "]" * 100_000 + "\n"
    return _write(folder / "deep.yaml", text), ["@2", "nested more than 40 levels deep"]


def deep_yaml_maps(folder: Path):
    text = "person: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n"
    return _write(folder / "deep-maps.yaml", text), ["@1", "nested more than 40 levels deep"]


def deep_json(folder: Path):
    text = '{"schema_version": 1,\n "skills": ' + "[" * 100_000 + "]" * 100_000 + "}"
    return _write(folder / "deep.json", text), ["@2", "nested more than 40 levels deep"]


def fifty_megabytes(folder: Path):
    path = folder / "big.yaml"
    with open(path, "wb") as fh:
        fh.write(b"schema_version: 1\n")
        fh.truncate(50 * 2**20)  # sparse: instant to make, 50 MB to whoever reads it all
    return path, ["too large", "52.4 MB"]


def fifo(folder: Path):
    path = folder / "answers.yaml"
    os.mkfifo(path)  # opening it for reading would wait for a writer forever
    return path, ["not a regular file"]


def dev_zero(folder: Path):
    return Path("/dev/zero"), ["not a regular file"]  # endless


def directory(folder: Path):
    path = folder / "answers.yaml"
    path.mkdir()
    return path, ["is a directory"]


def latin1(folder: Path):
    text = "schema_version: 1\nperson:\n  name: José Müller\n"
    return _write(folder / "latin1.yaml", text.encode("latin-1")), ["@3", "not UTF-8", "0xe9"]


def nul_byte(folder: Path):
    data = b"schema_version: 1\nperson:\n  name: Jo\x00e\n"
    return _write(folder / "nul.yaml", data), ["@3", "NUL byte"]


def duplicate_yaml(folder: Path):
    text = "schema_version: 1\nperson:\n  name: Ann\n  name: Bob\nskills: {python: 3}\n"
    return _write(folder / "dup.yaml", text), ["@4", "duplicate key 'name' (first at line 3)"]


def duplicate_json(folder: Path):
    text = '{"schema_version": 1, "skills": {"python": 3}, "skills": {"sql": 4}}'
    return _write(folder / "dup.json", text), ["duplicate key 'skills'"]


def misspelt_keys(folder: Path):
    text = "schema_version: 1\npersn:\n  name: Ann\nskills:\n  python: {levle: 3}\n  pyhton: 2\n"
    return _write(folder / "typos.yaml", text), [
        '@2: persn: unknown key; did you mean "person"?',
        '@5: skills.python.levle: unknown key; did you mean "level"?',
    ]


def level(value: str) -> Case:
    def build(folder: Path):
        text = f"schema_version: 1\nperson:\n  name: Ann\nskills:\n  python: {value}\n  sql: 3\n"
        return _write(folder / "levels.yaml", text), [
            "@5: skills.python: a level must be a whole number from 0 to 4"
        ]

    build.__name__ = f"level {value}"
    return build


def hours(value: str, ext: str = "yaml") -> Case:
    # NaN passes every ge/le bound (each comparison with it is false); 1e309 is inf.
    def build(folder: Path):
        if ext == "json":
            text = f'{{"schema_version": 1,\n "person": {{"hours_per_week": {value}}}}}'
            where = "person.hours_per_week"
        else:
            text = f"schema_version: 1\nperson:\n  name: Ann\n  hours_per_week: {value}\n"
            where = "@4: person.hours_per_week"
        return _write(folder / f"hours.{ext}", text), [where, "Input should be a finite number"]

    build.__name__ = f"hours {value} {ext}"
    return build


CASES: list[Case] = [
    alias_bomb,
    alias_in_answers,
    python_apply,
    python_new,
    deep_yaml_lists,
    deep_yaml_maps,
    deep_json,
    fifty_megabytes,
    fifo,
    dev_zero,
    directory,
    latin1,
    nul_byte,
    duplicate_yaml,
    duplicate_json,
    misspelt_keys,
    level("five"),
    level("NO"),
    level("1.10"),
    hours(".nan"),
    hours(".inf"),
    hours("-.inf"),
    hours("1e309"),
    hours("-1e309"),
    hours("1e309", "json"),
]


@contextlib.contextmanager
def unblock_fifo(path: Path, after: float = 3.0) -> Iterator[None]:
    """If the command under test opens the FIFO (it must not), open the other end after a few
    seconds so that it gets end-of-file: the test then fails on time instead of hanging."""
    stop = threading.Event()

    def watchdog() -> None:
        if stop.wait(after):
            return
        while not stop.is_set():
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError as exc:  # ENXIO: no reader yet; anything else: give up
                if exc.errno != errno.ENXIO:
                    return
            stop.wait(0.05)

    thread = threading.Thread(target=watchdog, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__.replace("_", "-"))
def test_hostile_file_is_refused_quickly_and_clearly(case, command, runner, tmp_path, out):
    folder = tmp_path / "in"
    folder.mkdir()
    path, fragments = case(folder)
    given = path
    if command == "cohort" and case is directory:
        # cohort reads folders of answers by design: the hostile directory sits inside one.
        given = folder
    expected = [f"{path}:{f[1:]}" if f.startswith("@") else f for f in fragments]
    guard = unblock_fifo(path) if case is fifo else contextlib.nullcontext()
    with guard:
        result = invoke(runner, argv(command, given, out))
    assert_refused(result, out, str(path), *expected)
    assert not (folder / "PWNED").exists()  # no tag was ever constructed


def test_fifo_in_a_real_process_is_refused_without_blocking(tmp_path):
    """The same through a real process (a blocked open cannot be interrupted from a thread)."""
    path, _ = fifo(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "careerpath", "assess", "--answers", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert run.returncode == 1, run.stderr
    assert (
        run.stderr
        == f"error: {path}: is not a regular file (a pipe, socket or device); give a file path\n"
    )
    assert run.stdout == ""


@pytest.mark.timeout(60)
def test_many_errors_are_all_reported_in_line_order(runner, tmp_path, out):
    path = tmp_path / "many.yaml"
    lines = {
        3: "  hours_per_week: lots",
        4: "  start_date: 2027-02-30",
        5: "  target_role: ml-enginer",
        7: "  python: five",
        8: "  sql: 7",
        9: "  pyhton: 2",  # unknown skill names are warnings, not part of a refusal
        10: "  docker: {level: 2, evidnce: x}",
        11: "  pandas: NO",
        12: "  numpy: 1.10",
        13: "hobbies: [chess]",
    }
    text = ["schema_version: 1", "person:", *(lines[n] for n in range(3, 6)), "skills:"]
    text += [lines[n] for n in range(7, 14)]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    refused = sorted(set(lines) - {9})  # line 9, an unknown skill name, is only a warning
    for command in COMMANDS:
        result = invoke(runner, argv(command, path, out))
        assert_refused(result, out, f"error: {len(refused)} problems:")
        reported = [
            int(m) for m in re.findall(rf"^  {re.escape(str(path))}:(\d+): ", result.stderr, re.M)
        ]
        assert reported == refused, (command, result.stderr)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_utf8_bom_is_accepted(command, fmt, runner, tmp_path, out):
    data = GOOD.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.dumps(yaml.safe_load(data), default=str, ensure_ascii=False)
    path = tmp_path / f"bom.{fmt}"
    path.write_bytes(b"\xef\xbb\xbf" + data.encode("utf-8"))
    result = runner.invoke(cli, argv(command, path, out))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_no_and_1_10_are_kept_as_typed_where_text_is_expected(catalog, tmp_path):
    """YAML 1.1 would read NO as false and 1.10 as 1.1; text fields keep what was typed."""
    path = tmp_path / "no.yaml"
    path.write_text(
        "schema_version: 1\ncatalog_version: '1.10'\nperson:\n  name: NO\nskills: {python: 3}\n"
    )
    profile = load_answers(path, catalog)
    assert profile.person.name == "NO"
    assert profile.answers.catalog_version == "1.10"


def test_a_cohort_skips_a_hostile_file_beside_good_ones_and_says_why(runner, tmp_path, out):
    folder = tmp_path / "group"
    folder.mkdir()
    (folder / "good.yaml").write_bytes(GOOD.read_bytes())
    bomb, _ = alias_bomb(folder)
    result = runner.invoke(cli, ["cohort", str(folder), "--json"])
    assert result.exit_code == 1, result.output  # after the good file was used
    assert f"skipped: {bomb}: line 1: YAML anchors and aliases" in result.stderr
    assert json.loads(result.stdout)["people"] == 1


CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and newline


def test_control_characters_in_a_file_never_reach_the_terminal(runner, tmp_path):
    """JSON (\\u001b) and YAML ("\\e") can smuggle ESC into a name, a role or a skill key;
    printed raw it would retitle, clear or rewrite the mentor's terminal."""
    answers = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    answers["person"]["name"] = "Eve\x1b]0;pwned\x07\x1b[2J\x9b31m"
    named = tmp_path / "named.json"
    named.write_text(json.dumps(answers, default=str), encoding="utf-8")
    result = runner.invoke(cli, ["cohort", str(named), str(GOOD)])
    assert result.exit_code == 0, result.output
    assert "Eve\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m" in result.stdout  # shown, escaped
    assert CONTROLS.findall(result.output) == []
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        'schema_version: 1\nperson: {current_role: "\\e]0;pwned\\a"}\nskills: {"\\e[2Jpy": 3}\n'
    )
    # An unknown current role is a warning, an error under --strict: escaped either way.
    for args in (
        ["assess", "--answers", str(bad)],
        ["cohort", str(bad)],
        ["assess", "--answers", str(bad), "--strict"],
        ["cohort", str(bad), "--strict"],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 1
        if "--strict" in args:
            assert f"{bad}:2: person.current_role: unknown role " in result.stderr
        assert CONTROLS.findall(result.output) == []
    bad.write_text(
        'schema_version: 1\nperson: {current_role: "\\e]0;pwned\\a"}\nskills: {python: 3}\n'
    )
    for args in (["assess", "--answers", str(bad)], ["cohort", str(bad)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        flat = " ".join(result.output.split())
        assert 'unknown role "' in flat and 'taken as "other"' in flat
        assert CONTROLS.findall(result.output) == []


# --- hostile text ----------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "{{7*7}} {% raw %}",
    "\u202eexe.evil\u202c",  # right-to-left override
    "🚀 👩‍💻",
    "zero\u200bwidth\ufeffjoin",
]
# How a page shows each payload: as typed, except the characters that could reorder or hide
# text (bidi overrides, a zero-width no-break space), which it shows as the terminal does.
SHOWN = {
    "\u202eexe.evil\u202c": "\\u202eexe.evil\\u202c",
    "zero\u200bwidth\ufeffjoin": "zero\u200bwidth\\ufeffjoin",  # a break opportunity stays
}
SHOWN_PAYLOADS = [SHOWN.get(p, p) for p in PAYLOADS]
# Unbroken: no space, no hyphen, nothing to wrap at. Z is the one letter the report has no
# other use for, so that every Z in the PDF's text is the token's (checked, not assumed).
TOKEN = "Z" * 20_000
EVIDENCE_SKILLS = ["python", "SQL", "docker", "pandas", "numpy", "kafka", "PySpark", "k8s"]
ROLE_IDS = [
    "ml-engineer",
    "data-engineer",
    "data-scientist",
    "data-analyst",
    "mlops-engineer",
    "ml-researcher",
    "business-analyst",
    "domain-expert",
]
SCRIPTY = {"script", "img", "iframe", "object", "embed", "link", "base", "form", "svg:script"}


def hostile_inputs(folder: Path, data: Path) -> tuple[Path, Path]:
    """An answers file and a notes file with every payload in every free-text field, and the
    catalogue copy ``data`` with every payload in a role name."""
    for role_id, payload in zip(ROLE_IDS, PAYLOADS, strict=True):
        path = data / "roles" / f"{role_id}.yaml"
        role = yaml.safe_load(path.read_text(encoding="utf-8"))
        role["name"] = f"{payload} {role_id}"
        path.write_text(yaml.safe_dump(role, allow_unicode=True), encoding="utf-8")
    answers = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    answers["person"]["name"] = " ".join(PAYLOADS)
    assert len(answers["person"]["name"]) <= 200  # a name is ShortText (see models.py)
    for skill, payload in zip(EVIDENCE_SKILLS, PAYLOADS, strict=True):
        answers["skills"][skill] = {"level": 2, "evidence": payload}
    answers["skills"]["terraform"] = {"level": 2, "evidence": TOKEN}
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    notes = folder / "notes.txt"
    notes.write_text("\n".join(PAYLOADS) + "\n" + TOKEN + "\n", encoding="utf-8")
    return path, notes


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def test_hostile_text_is_shown_literally_in_the_html(runner, tmp_path, data_copy):
    answers, notes = hostile_inputs(tmp_path, data_copy)
    out = tmp_path / "report.html"
    args = ["--data-dir", str(data_copy), "report", "-a", str(answers), "--mentor-notes"]
    result = runner.invoke(cli, [*args, str(notes), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    root = tinyhtml5.parse(html)

    # No element, attribute or link came from the data: the tree is the templates' tree.
    names = {local(el.tag) for el in root.iter()}
    assert not names & SCRIPTY, names & SCRIPTY
    for el in root.iter():
        for attr, value in el.attrib.items():
            assert not local(attr).lower().startswith("on"), (el.tag, attr)
            assert local(attr).lower() not in ("src", "srcdoc", "action", "formaction")
            if local(attr).lower() in ("href", "xlink:href"):
                assert value.startswith(("https://", "http://")), value
    assert not re.search(r"""href\s*=\s*["']?\s*(javascript|file|data):""", html, re.I)
    assert "<script" not in html.lower()

    # What a reader sees is what was typed: every payload, literally ({{7*7}} is not 49),
    # the characters that reorder or hide text as visible escapes.
    text = "".join(root.itertext())
    assert not re.search("[\u202a-\u202e\u2066-\u2069\ufeff]", text)
    for payload in SHOWN_PAYLOADS:
        assert payload in text, payload
    assert text.count(TOKEN) == 2  # evidence and notes, each whole and in one piece
    evidence_cells = [el for el in root.iter() if el.get("class") == "user-text"]
    evidence_text = ["".join(el.itertext()) for el in evidence_cells]
    for payload in SHOWN_PAYLOADS:
        assert payload in evidence_text, payload
    assert TOKEN in evidence_text
    for role_id, payload in zip(ROLE_IDS, SHOWN_PAYLOADS, strict=True):
        assert f"{payload} {role_id}" in text


def pdf_lines(data: bytes) -> list[tuple[str, float, float, bool]]:
    """Every line of text pypdf finds, as (text, x, y, drawn inside its page)."""
    found = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        lines: list[tuple[str, list, list]] = []
        page.extract_text(
            visitor_text=lambda t, cm, tm, font, size, seen=lines: seen.append((t, cm, tm))
        )
        for text, cm, tm in lines:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            # pypdf leaves NULs decoding WeasyPrint's font CMaps (pdftotext does not).
            text = text.replace("\x00", "")
            found.append((text, x, y, 0 <= x <= width and 0 <= y <= height))
    return found


def test_hostile_text_is_whole_in_the_pdf_which_fetches_nothing(
    runner, tmp_path, data_copy, monkeypatch
):
    answers, notes = hostile_inputs(tmp_path, data_copy)
    fetched: list[str] = []
    refused: list[str] = []
    real = pdf_render.templates_only_fetcher

    def spy(_refused: list[str]):
        fetcher = real(refused)
        fetch = fetcher.fetch

        def recording_fetch(url, headers=None):
            fetched.append(url)
            return fetch(url, headers)

        fetcher.fetch = recording_fetch
        return fetcher

    monkeypatch.setattr(pdf_render, "templates_only_fetcher", spy)
    base = ["--data-dir", str(data_copy), "report", "-a", str(answers), "--mentor-notes"]
    html, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    for out in (html, pdf):
        result = runner.invoke(cli, [*base, str(notes), "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert fetched == [] and refused == []
    seen = "".join(tinyhtml5.parse(html.read_text(encoding="utf-8")).itertext())
    assert "Z" not in seen.replace(TOKEN, ""), "the report uses Z now: pick another token letter"

    # Both 20,000-character tokens whole: wrapped into lines, every line on a page.
    lines = pdf_lines(pdf.read_bytes())
    assert sum(text.count("Z") for text, *_ in lines) == 2 * len(TOKEN)
    assert max(text.count("Z") for text, *_ in lines) < 200  # wrapped, not off the page
    assert [(x, y) for text, x, y, inside in lines if "Z" in text and not inside] == []
    text = "".join(text for text, *_ in lines)
    for payload in [*PAYLOADS[:3], "{{7*7}}", "/etc/passwd"]:
        assert payload in text, payload
    # No link in the PDF but http(s) ones.
    for page in pypdf.PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            uri = str(action.get("/URI", "https://"))
            assert uri.startswith(("https://", "http://")), uri


def test_pdf_renderer_refuses_remote_and_local_resources():
    """The fetcher the test above watches does refuse: a positive control, offline."""
    refused: list[str] = []
    html = (
        '<link rel="stylesheet" href="http://203.0.113.7/x.css">'
        '<img src="https://203.0.113.7/pixel.png"><img src="file:///etc/passwd">'
        "<p>hello</p>"
    )
    data = pdf_render.pdf_bytes(html, title="t", refused=refused)
    assert data.startswith(b"%PDF")
    assert sorted(refused) == sorted(
        ["http://203.0.113.7/x.css", "https://203.0.113.7/pixel.png", "file:///etc/passwd"]
    )


def test_mentor_views_show_hostile_names_and_file_names_literally(runner, tmp_path, data_copy):
    answers, _ = hostile_inputs(tmp_path, data_copy)
    renamed = tmp_path / "<img src=x onerror=alert(7)>.yaml"  # file names are typed too
    renamed.write_bytes(answers.read_bytes())
    base = ["--data-dir", str(data_copy)]
    for view, args in {
        # Another person's name: compared only when asked for (what is shown is the point).
        "compare": ["compare", str(GOOD), str(renamed), "--different-people"],
        "cohort": ["cohort", str(answers), str(renamed)],
    }.items():
        out = tmp_path / f"{view}.html"
        result = runner.invoke(cli, [*base, *args, "-o", str(out)])
        assert result.exit_code == 0, result.output
        html = out.read_text(encoding="utf-8")
        root = tinyhtml5.parse(html)
        assert not {local(el.tag) for el in root.iter()} & SCRIPTY
        assert not any(local(a).startswith("on") for el in root.iter() for a in el.attrib)
        text = "".join(root.itertext())
        assert f"{PAYLOADS[0]} ml-engineer" in text  # a role name, as written
        if view == "compare":
            assert renamed.name in text
        else:
            assert " ".join(SHOWN_PAYLOADS) in text  # the names, as typed


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "A" * 201, "person.name: String should have at most 200 characters"),
        ("evidence", "E" * 20_001, "skills.python.evidence: String should have at most 20000"),
    ],
)
def test_over_long_text_is_refused_with_its_field(field, value, message, runner, tmp_path):
    """Names stay labels (200 characters); evidence may be long prose (20,000)."""
    answers = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    if field == "name":
        answers["person"]["name"] = value
    else:
        answers["skills"]["python"] = {"level": 3, "evidence": value}
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(answers, sort_keys=False), encoding="utf-8")
    result = runner.invoke(cli, ["assess", "--answers", str(path)])
    assert result.exit_code == 1
    assert re.search(rf"{re.escape(str(path))}:\d+: {re.escape(message)}", result.stderr)
    assert "Traceback" not in result.output


# --- network -----------------------------------------------------------------------------------


BLOCKED = pytest.mark.filterwarnings("ignore:A test tried to use socket")


def test_the_socket_guard_is_on_for_the_whole_suite(request):
    """From pyproject addopts, not a per-test marker: every test runs without network."""
    assert request.config.getoption("disable_socket") is True
    assert "--disable-socket" in request.config.getini("addopts")


@BLOCKED
@pytest.mark.parametrize(
    "address",
    [("127.0.0.1", 80), ("203.0.113.7", 443), ("::1", 80), ("2001:db8::1", 443)],
    ids=["loopback", "external", "loopback-v6", "external-v6"],
)
def test_the_suite_has_no_network(address):
    """pytest-socket (--disable-socket in pyproject addopts) refuses every inet socket, so no
    test, and nothing the tool does inside one, can reach a server."""
    with pytest.raises(SocketBlockedError):
        socket.create_connection(address, timeout=1)


@BLOCKED
def test_udp_and_ipv6_sockets_are_refused_too():
    for family, kind in [
        (socket.AF_INET, socket.SOCK_DGRAM),
        (socket.AF_INET6, socket.SOCK_STREAM),
    ]:
        with pytest.raises(SocketBlockedError):
            socket.socket(family, kind)


# --- numbers in the catalogue; a catalogue others can change (issue 13) ----------------------


@pytest.mark.parametrize("value", [".nan", ".inf", "1e309"])
def test_non_finite_hours_in_a_roadmap_are_refused_with_file_line_and_field(
    runner, data_copy, value
):
    path = data_copy / "roadmaps" / "data-engineer-to-ml-engineer.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if "hours: {low:" in line)
    lines[at] = lines[at].split("hours:")[0] + f"hours: {{low: {value}, high: 40}}"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(cli, ["--data-dir", str(data_copy), "validate"])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert f"{at + 1}: phases[0].steps[0].hours.low: Input should be a finite number" in (
        result.stderr
    )


@pytest.fixture
def fresh_warnings(monkeypatch):
    """The warning is given once a process; each test starts with none given."""
    from careerpath import catalog

    monkeypatch.setattr(catalog, "_CHECKED", set())


def _exposure_warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "other users can write to it" in line]


@pytest.mark.parametrize("how", ["env", "option"])
def test_a_world_writable_catalogue_is_used_with_a_warning(
    runner, data_copy, fresh_warnings, monkeypatch, how
):
    roles = data_copy / "roles"
    data_copy.chmod(0o777)
    roles.chmod(0o757)
    if how == "env":
        monkeypatch.setenv("CAREERPATH_DATA", str(data_copy))
        args = ["roles"]
    else:
        args = ["--data-dir", str(data_copy), "roles"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    warned = _exposure_warnings(result.stderr)
    assert len(warned) == 2, result.stderr
    assert warned[0].startswith(f"warning: {data_copy}: ")
    assert f"`chmod o-w {data_copy}`" in warned[0]
    assert f"`chmod o-w {roles}`" in warned[1]
    assert "9 roles" in result.stdout  # used, all the same


def test_the_warning_is_given_once_and_names_files_others_can_change(
    runner, data_copy, fresh_warnings
):
    role = data_copy / "roles" / "data-analyst.yaml"
    role.chmod(0o666)
    first = runner.invoke(cli, ["--data-dir", str(data_copy), "roles"])
    again = runner.invoke(cli, ["--data-dir", str(data_copy), "roles"])
    assert _exposure_warnings(first.stderr) == [
        f"warning: {role}: other users can write to it, so anyone could change the "
        f"catalogue careerpath reads; fix it with `chmod o-w {role}`"
    ]
    assert _exposure_warnings(again.stderr) == []  # same process: said once


def test_many_exposed_paths_are_summed_up_with_one_fix(runner, data_copy, fresh_warnings):
    for path in [data_copy, *data_copy.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o002)
    result = runner.invoke(cli, ["--data-dir", str(data_copy), "validate"])
    assert result.exit_code == 0, result.output
    assert len(_exposure_warnings(result.stderr)) == 5
    assert f"more; fix them all with `chmod -R o-w {data_copy.resolve()}`" in result.stderr


def test_a_sticky_folder_of_ours_and_a_private_catalogue_give_no_warning(
    runner, data_copy, fresh_warnings
):
    data_copy.chmod(0o1777)  # like /tmp: others cannot rename or remove what is in it
    result = runner.invoke(cli, ["--data-dir", str(data_copy), "roles"])
    assert result.exit_code == 0, result.output
    assert _exposure_warnings(result.stderr) == []
    assert runner.invoke(cli, ["roles"]).stderr == ""  # the bundled one: not checked


# --- the terminal (issue 13) -------------------------------------------------------------------

# Each is text a catalogue, an answers file or a file name can hold; printed raw, a terminal
# would act on it (retitle, clear, link, recolour) or show the text in another order.
TERMINAL_PAYLOADS = {
    "osc-title": "\x1b]0;pwned\x07",
    "osc8-hyperlink": "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\",
    "csi-clear": "\x1b[2J\x1b[H",
    "c1-csi": "\x9b31m\x9d0;c1 title\x9c",
    "right-to-left-override": "\u202eexe.evil\u202c",
    "bidi-embeddings": "\u202a\u202b\u202d",
    "bidi-isolates": "\u2066\u2067\u2068\u2069",
    "direction-marks": "\u200e\u200f\u061c",
    "nel": "line\x85next",
    "separators": "line\u2028next\u2029para",
    "zero-width": "zero\u200bwidth\ufeffsoft\u00adhyphen",
    "tag-characters": "\U000e0041\U000e0042\U000e007f",  # invisible "ASCII smuggling"
    "del-bel-cr": "x\x7f\x07\rfake prompt",
    "backspace-tab-vt": "abc\x08\x08\x08\tx\x0by\x0cz",
}
HOSTILE = "".join(TERMINAL_PAYLOADS.values())
# The same characters again, by category: an independent definition, not printable()'s.
SHAPING = "\u200c\u200d"  # zero-width (non-)joiner: letters and emoji, kept


def unsafe_in(text: str) -> list[str]:
    return [
        c
        for c in text
        if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs") and c not in "\n" + SHAPING
    ]


@pytest.mark.parametrize("payload", TERMINAL_PAYLOADS.values(), ids=TERMINAL_PAYLOADS.keys())
def test_printable_escapes_every_terminal_payload(payload):
    shown = printable(payload)
    assert unsafe_in(shown) == [] and "\n" not in shown
    assert printable(shown) == shown  # escaping twice changes nothing
    assert "\\" in shown  # visibly escaped, not dropped
    assert json.loads(printable(json.dumps(payload, ensure_ascii=False), json=True)) == payload


def test_printable_keeps_ordinary_text_and_newlines_when_asked():
    text = "Zoë Ñúñez · 陈伟 · فاطمة · मराठी · می‌خواهم · 👩‍💻 🚀 – … »"
    assert printable(text) == text
    assert printable("a\nb") == "a\\nb"
    assert printable("a\nb\x1b", lines=True) == "a\nb\\x1b"
    assert printable("\udcff.yaml") == "\\udcff.yaml"  # an undecodable file name


def hostile_catalogue(data: Path) -> None:
    """Every kind of catalogue text a view shows, with every payload in it."""

    def edit(path: Path, change) -> None:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(doc)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")

    def info(doc):
        doc["name"] = f"Cat{HOSTILE}alogue"

    def skills(doc):
        doc["category"]["name"] = f"Program{HOSTILE}ming"
        python = next(s for s in doc["skills"] if s["id"] == "python")
        python["name"] = f"Py{HOSTILE}thon"
        python["aliases"] = [*python["aliases"], "py\x1b[2J3"]  # CSI in an alias
        python["description"] = f"Desc{HOSTILE}ription\nsecond line: {HOSTILE}"
        python["levels"] = [f"level {i} {HOSTILE}" for i in range(5)]

    def role(doc):
        doc["name"] = f"ML {HOSTILE} Engineer"
        doc["aliases"] = [*doc["aliases"], "MLE\x1b]0;alias\x07"]
        doc["summary"] = f"Sum{HOSTILE}mary"
        doc["responsibilities"][0] = f"Respon{HOSTILE}sibility"

    def roadmap(doc):
        doc["title"] = f"Road{HOSTILE}map"
        doc["phases"][0]["title"] = f"Pha{HOSTILE}se"
        step = doc["phases"][0]["steps"][0]
        step["title"] = f"St{HOSTILE}ep"
        for resource in step.get("resources", []):
            resource["title"] = f"Res{HOSTILE}ource"

    edit(data / "catalog.yaml", info)
    edit(data / "skills" / "01-programming.yaml", skills)
    edit(data / "roles" / "ml-engineer.yaml", role)
    edit(data / "roadmaps" / "data-engineer-to-ml-engineer.yaml", roadmap)


def hostile_answers(folder: Path) -> tuple[Path, Path]:
    """An answers file whose person is named with every payload, under a file name with a
    right-to-left override and an OSC sequence in it; and a plain copy of GOOD."""
    answers = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    answers["person"]["name"] = f"Eve{HOSTILE}"[:200]
    named = folder / "\u202eevil\x1b]0;file\x07.yaml"
    named.write_text(yaml.safe_dump(answers, allow_unicode=True, default_style='"'))
    plain = folder / "plain.yaml"
    plain.write_bytes(GOOD.read_bytes())
    return named, plain


def terminal_commands(named: Path, plain: Path) -> dict[str, list[str]]:
    rm = "data-engineer-to-ml-engineer"
    return {
        "validate": ["validate"],
        "roles": ["roles"],
        "roles-show": ["roles", "show", "ml-engineer"],
        "roles-show-alias": ["roles", "show", "MLE\x1b]0;alias\x07"],
        "skills": ["skills"],
        "skills-show": ["skills", "show", "python"],
        "roadmaps": ["roadmaps"],
        "roadmaps-show": ["roadmaps", "show", rm],
        "assess": ["assess", "-a", str(named), "-t", "ml-engineer"],
        "assess-adaptive-replay": ["assess", "-a", str(named), "--adaptive"],
        "plan": ["plan", "-a", str(named), "-t", "ml-engineer", "--start", "2027-01-04"],
        "compare": ["compare", str(plain), str(named), "-t", "ml-engineer", "--different-people"],
        "cohort": ["cohort", str(plain), str(named), "-t", "ml-engineer"],
        "team": ["team", str(plain), str(named)],
        "template": ["questionnaire", "template"],
    }


def test_hostile_text_never_reaches_the_terminal_raw(runner, tmp_path, data_copy):
    """Catalogue text, names in answers files and file names, in every view: each control,
    bidi and format character shows as an escape (the name with \\x1b]0;pwned\\x07 in it)."""
    hostile_catalogue(data_copy)
    named, plain = hostile_answers(tmp_path)
    for what, args in terminal_commands(named, plain).items():
        result = runner.invoke(cli, ["--data-dir", str(data_copy), *args])
        assert result.exit_code == 0, (what, result.output)
        assert unsafe_in(result.stdout) == [], what
        assert unsafe_in(result.stderr) == [], what
        if what == "assess-adaptive-replay":  # names the file, not the person
            assert "\\u202eevil\\x1b]0;file\\x07.yaml" in result.stdout
        elif what not in ("template", "roadmaps", "team"):
            assert "\\x1b]0;pwned\\x07" in result.stdout, what  # shown, escaped
    # The template is YAML still, and reads back as a blank answers file of this catalogue.
    text = runner.invoke(cli, ["--data-dir", str(data_copy), "questionnaire", "template"]).stdout
    assert set(yaml.safe_load(text)["skills"]) == set(load_catalog(data_copy).skills)


def test_json_output_escapes_them_too_and_parses_to_the_same_text(runner, tmp_path, data_copy):
    """JSON escapes ESC itself, but not C1, DEL or bidi controls: those are written as \\u009b,
    \\u202e, so `--json | less` is safe and the parsed values are exactly what was typed."""
    hostile_catalogue(data_copy)
    named, plain = hostile_answers(tmp_path)
    for what, args in terminal_commands(named, plain).items():
        if what in ("validate", "template", "assess-adaptive-replay"):
            continue
        result = runner.invoke(cli, ["--data-dir", str(data_copy), *args, "--json"])
        assert result.exit_code == 0, (what, result.output)
        assert unsafe_in(result.stdout) == [], what
        data = json.dumps(json.loads(result.stdout), ensure_ascii=False)
        assert HOSTILE in data or json.dumps(HOSTILE, ensure_ascii=False)[1:-1] in data, what


def test_a_file_name_with_a_newline_and_controls_is_one_line_of_error(runner, tmp_path):
    bad = tmp_path / "two\nlines\x1b[2J\u202e.yaml"
    bad.write_text("schema_version: 1\nskills: {pythn: 3}\n", encoding="utf-8")
    result = runner.invoke(cli, ["assess", "--strict", "--answers", str(bad)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert unsafe_in(result.stderr) == []
    [line] = result.stderr.splitlines()  # one problem: not "error: 2 problems"
    shown = str(tmp_path) + "/two\\nlines\\x1b[2J\\u202e.yaml"
    assert line.startswith(f"error: {shown}:2: skills.pythn: unknown skill")


def test_a_value_with_controls_in_an_error_is_escaped(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        'schema_version: 1\nperson: {target_role: "ml\\u202e\\x9b2J\\nengineer"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["assess", "--answers", str(bad)])
    assert result.exit_code == 1
    assert unsafe_in(result.stderr) == []
    assert '"ml\\u202e\\x9b2J\\nengineer"' in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_batch_failed_lines_escape_the_file_name(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.yaml").write_bytes(GOOD.read_bytes())
    (folder / "\x1b]0;batch\x07\u2067bad.yaml").write_text("schema_version: 1\nskills: [\n")
    out_dir = tmp_path / "reports"
    args = ["report", "--batch", str(folder), "--out-dir", str(out_dir), "--format", "html"]
    result = runner.invoke(cli, [*args, "--jobs", "1", "--date", "2027-01-04"])
    assert result.exit_code == 1, result.output
    assert unsafe_in(result.stdout) == [] and unsafe_in(result.stderr) == []
    assert "failed: " in result.stderr and "\\x1b]0;batch\\x07\\u2067bad.yaml" in result.stderr


def test_an_undecodable_file_name_in_a_cohort_is_shown_escaped_not_a_traceback(runner, tmp_path):
    """A file name that is not UTF-8 becomes a lone surrogate; pydantic could not serialise
    it (a traceback from `cohort --json`) and a terminal cannot show it."""
    folder = tmp_path / "group"
    folder.mkdir()
    for f in sorted((EXAMPLES / "cohort").glob("*.yaml"))[:2]:
        (folder / f.name).write_bytes(f.read_bytes())
    os.rename(folder / "ana-souza.yaml", os.fsencode(folder) + b"/\xff\xfe.yaml")
    (Path(os.fsdecode(os.fsencode(folder) + b"/bad\xff.yaml"))).write_text("skills: [\n")
    for args in (["cohort", str(folder)], ["cohort", str(folder), "--json"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 1, result.output  # bad\xff.yaml is invalid; the rest used
        assert unsafe_in(result.stdout) == [] and unsafe_in(result.stderr) == []
        assert "bad\\udcff.yaml" in result.stderr
    data = json.loads(runner.invoke(cli, ["cohort", str(folder), "--json"]).stdout)
    assert data["skipped"][0]["file"].endswith("bad\udcff.yaml")  # the name, exactly


def test_the_interactive_questionnaire_escapes_catalogue_text(
    runner, tmp_path, data_copy, monkeypatch
):
    import careerpath.questionnaire as questionnaire

    hostile_catalogue(data_copy)
    monkeypatch.setattr(questionnaire, "terminal_available", lambda: True)
    person = "Ann\nother\n\n6\n2027-01-04\n"  # name, current role, target, hours, start
    args = ["--data-dir", str(data_copy), "assess", "--save", str(tmp_path / "a.yaml")]
    result = runner.invoke(cli, args, input=person + "?\nq\n")
    assert unsafe_in(result.output) == []
    assert "Py\\x1b]0;pwned\\x07" in result.output  # the first question: Python, escaped
