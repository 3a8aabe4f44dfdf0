"""The safe reader (careerpath.documents): what it refuses, and how it says so.

Every refusal must be an InputError whose problems name the file and, where the format tells
us, the field path and the line, so that a person can go straight to the mistake.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from careerpath import documents, i18n
from careerpath.documents import MAX_BYTES, MAX_DEPTH, parse_text, read_document, validate
from careerpath.errors import InputError, Problem
from careerpath.models import Answers, CatalogInfo, Role, RoleSkill

# A role with no mistakes, to break one field at a time.
GOOD_ROLE = """\
id: data-analyst
name: Data Analyst
family: business
summary: Turns data into answers.
responsibilities:
  - Build dashboards.
skills:
  sql: {importance: 5, level: 3, essential: true}
  python: {importance: 3, level: 2}
  statistics: {importance: 4, level: 2}
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def refusal(path: Path, model: type[BaseModel] | None = None) -> list[Problem]:
    """The problems reading (and validating) ``path`` raises; fails if it is accepted."""
    with pytest.raises(InputError) as info:
        doc = read_document(path)
        if model is not None:
            validate(doc, model)
    problems = info.value.problems
    assert problems, "an InputError must carry at least one problem"
    for problem in problems:
        assert problem.file == str(path), problem
    return problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def returns_within(seconds: float, fn) -> BaseException | None:
    """Run ``fn`` in a daemon thread; fail if it is still running after ``seconds``
    (a reader that blocks must fail this test, not hang the suite)."""
    outcome: dict[str, BaseException | None] = {}

    def target() -> None:
        try:
            fn()
            outcome["exc"] = None
        except BaseException as exc:
            outcome["exc"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still blocked after {seconds} s"
    return outcome["exc"]


# --- YAML features that could hurt ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, line",
    [
        ("name: &who Ada\nversion: *who\n", 1),  # an anchor, then an alias to it
        ("name: x\nversion: *nothing\n", 2),  # an alias alone
        ("name: x\ndescription: &d text\n", 2),  # an anchor alone
    ],
)
def test_yaml_anchors_and_aliases_are_refused(tmp_path, text, line):
    path = write(tmp_path, "catalog.yaml", text)
    problem = only(refusal(path))
    assert "anchors and aliases" in problem.message
    assert problem.line == line


def test_billion_laughs_is_refused_at_the_first_anchor(tmp_path):
    text = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        text += f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]\n"
    path = write(tmp_path, "bomb.yaml", text)
    composed = []
    real = documents._Loader.compose_node

    def counting(self, parent, index):
        composed.append(1)
        return real(self, parent, index)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(documents._Loader, "compose_node", counting)
        problem = only(refusal(path))
    # Work is bounded, not timed: the first alias stops composing, nothing is expanded.
    assert len(composed) < 20, len(composed)
    assert "anchors and aliases" in problem.message
    assert problem.line == 1


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object:os.system {}",
        "!!python/object/apply:os.system ['echo hacked']",
        "!!python/name:os.system",
        "!!binary aGVsbG8=",
        "!custom thing",
    ],
)
def test_python_and_other_tags_are_refused(tmp_path, value):
    path = write(tmp_path, "catalog.yaml", f"name: x\nversion: {value}\n")
    problem = only(refusal(path))
    assert "tag" in problem.message and "not allowed" in problem.message
    assert problem.line == 2


# --- nesting, size and what is not a regular file ------------------------------------------


DEEP = {
    "deep.yaml": lambda n: "[" * n + "]" * n,
    "deep-unclosed.yaml": lambda n: "[" * n,
    "deep-map.yaml": lambda n: "{a: " * n + "}" * n,
    "deep.json": lambda n: "[" * n + "]" * n,
    "deep-map.json": lambda n: '{"a": ' * n + "1" + "}" * n,
}


@pytest.mark.timeout(60)  # a guard against blow-ups, not a benchmark
@pytest.mark.parametrize("name", sorted(DEEP))
def test_100000_nested_brackets_are_refused_quickly_without_recursion_error(tmp_path, name):
    path = write(tmp_path, name, DEEP[name](100_000))
    problem = only(refusal(path))  # a RecursionError would escape pytest.raises(InputError)
    assert problem.message == f"nested more than {MAX_DEPTH} levels deep"
    assert problem.line == 1


PARSER_REFUSALS = [
    # What PyYAML 6.0.4's libyaml says, what an older or pure-Python one might, and a future
    # wording: the message must not depend on which parser refused first, or in what words.
    yaml.scanner.ScannerError(
        "while increasing flow level", None, "exceeded maximum nesting depth", None
    ),
    yaml.parser.ParserError("while parsing a flow node", None, "too deep", None),
    RecursionError("maximum recursion depth exceeded"),
]


@pytest.mark.parametrize("refusal_by_parser", PARSER_REFUSALS, ids=repr)
@pytest.mark.parametrize("prefix", ["", "a: 1\nb:\n  - ", 'q: "[[[["\n# [[[[\nc: '])
def test_deep_nesting_message_is_ours_whichever_parser_refuses(
    tmp_path, monkeypatch, refusal_by_parser, prefix
):
    def refuse(self):
        raise refusal_by_parser

    monkeypatch.setattr(documents._Loader, "get_single_node", refuse)
    text = prefix + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    problem = only(refusal(write(tmp_path, "deep.yaml", text)))
    assert problem.message == f"nested more than {MAX_DEPTH} levels deep"
    assert problem.line == prefix.count("\n") + 1


def test_brackets_in_quotes_and_comments_do_not_count_as_nesting():
    text = 'a: "' + "[" * 99 + "\"\nb: '" + "{" * 99 + "'\n# " + "[" * 99 + "\n"
    assert documents._too_deep(text) is None
    assert documents._too_deep("[" * (MAX_DEPTH + 1)) == 1


def test_json_brackets_inside_strings_are_not_nesting(tmp_path):
    # Evidence text may well contain brackets: "[1]", "see [docs", ":-[" ...
    text = '{"name": "' + "[" * (MAX_DEPTH + 10) + '", "version": "see [1] and {2}"}'
    doc = read_document(write(tmp_path, "catalog.json", text))
    info = validate(doc, CatalogInfo)
    assert info.name == "[" * (MAX_DEPTH + 10)
    assert info.version == "see [1] and {2}"


@pytest.mark.parametrize("name", ["ok.json", "ok.yaml"])
def test_nesting_up_to_the_limit_is_accepted_and_one_more_is_not(tmp_path, name):
    inner = MAX_DEPTH - 1  # the top-level mapping is one level
    text = '{"a": ' + "[" * inner + "]" * inner + "}"
    data = read_document(write(tmp_path, name, text)).data["a"]
    for _ in range(inner - 1):
        data = data[0]
    assert data == []
    deeper = '{"a": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}"
    problem = only(refusal(write(tmp_path, "deeper-" + name, deeper)))
    assert "nested" in problem.message


def test_file_over_5_mb_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: costs no disk and no time
    problem = only(refusal(path))
    assert "too large" in problem.message
    assert "5 MB" in problem.message
    assert MAX_BYTES == 5 * 1024 * 1024


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)  # opening it for reading would wait forever for a writer
    exc = returns_within(2, lambda: read_document(fifo))
    assert isinstance(exc, InputError), exc
    problem = only(exc.problems)
    assert problem.file == str(fifo)
    assert "not a regular file" in problem.message


def test_dev_zero_is_refused_without_blocking():
    exc = returns_within(2, lambda: read_document("/dev/zero"))
    assert isinstance(exc, InputError), exc
    problem = only(exc.problems)
    assert problem.file == "/dev/zero"
    assert "not a regular file" in problem.message


def test_a_directory_is_refused(tmp_path):
    folder = tmp_path / "answers.yaml"
    folder.mkdir()
    problem = only(refusal(folder))
    assert "is a directory" in problem.message


def test_a_missing_file_is_refused(tmp_path):
    problem = only(refusal(tmp_path / "nope.yaml"))
    assert problem.message == "file not found"


# --- bytes and text ------------------------------------------------------------------------


def test_latin_1_bytes_are_refused_with_the_line(tmp_path):
    raw = "name: Ana\nversion: '1'\ndescription: Sáo Paulo\n".encode("latin-1")
    path = write(tmp_path, "catalog.yaml", raw)
    problem = only(refusal(path))
    assert problem.line == 3
    assert "not UTF-8" in problem.message
    assert "0xe1" in problem.message  # the byte, so a person can find it


def test_a_nul_byte_is_refused_with_the_line(tmp_path):
    path = write(tmp_path, "catalog.yaml", b"name: x\nversion: '1'\x00\n")
    problem = only(refusal(path))
    assert problem.line == 2
    assert "NUL byte" in problem.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_named_as_such(tmp_path, encoding):
    path = write(tmp_path, "catalog.yaml", "name: Zoë\nversion: '1'\n".encode(encoding))
    assert only(refusal(path)).message == "saved as UTF-16: save it as UTF-8"


def test_a_nul_in_utf8_text_is_still_a_nul_byte(tmp_path):
    # Not every other byte: binary, or a stray NUL, keeps its own message.
    path = write(tmp_path, "catalog.yaml", b"name: x\x00y\nversion: '1'\n")
    assert "NUL byte" in only(refusal(path)).message


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "name: x\ninfo:\n  a: 1\n\t b: 2\nversion: '1'\n",
            4,
            "YAML does not allow tabs for indentation: use spaces",
        ),
        (
            "name: x\nversion:1\ndescription: y\n",
            2,
            "a space is needed after the colon: write 'version: 1', not 'version:1'",
        ),
        # YAML reads `version 1` as the start of a longer text and refuses the next line.
        (
            "name: x\nversion 1\ndescription: y\n",
            2,
            "is a ':' missing? write 'version: 1', not 'version 1'",
        ),
        (
            "name: x\ninfo:\n  a: 1\n  b: 2\n  long name\n  c: 3\nversion: '1'\n",
            5,
            "is a ':' missing after 'long name'? each line here is written key: value",
        ),
    ],
)
def test_a_common_yaml_mistake_is_named_with_its_line(tmp_path, text, line, message):
    problem = only(refusal(write(tmp_path, "catalog.yaml", text)))
    assert (problem.line, problem.message) == (line, message)


UNCLOSED_LIST = (
    "the list opened with '[' on this line is not closed: check for a missing ']', or a "
    "missing ',' between its items"
)
UNCLOSED_MAPPING = (
    "the mapping opened with '{' on this line is not closed: check for a missing '}', or a "
    "missing ',' between its items"
)
NOT_A_KEY_HERE = (
    "unexpected 'key: value' here: check that this line is indented like the lines above it, "
    "or put quotes around a value that holds ': '"
)
DOES_NOT_FIT = (
    "this line does not fit the lines above it: check its indentation, and that nothing "
    "follows a closing quote or bracket"
)
SYNTAX_ERRORS = [
    # A skill indented one space too far: where the stray colon is.
    ("skills:\n  python: 2\n   sql: 3\n", 3, NOT_A_KEY_HERE),
    ("name: x: y\n", 1, NOT_A_KEY_HERE),
    # An unclosed quote or bracket: where it opened, not where the parser gave up.
    (
        'name: x\nskills:\n  sql: {level: 2, evidence: "reports}\n  python: 3\n',
        3,
        "the quote '\"' opened on this line is never closed: add the closing one",
    ),
    (
        "name: 'x\nversion: 2\n",
        1,
        'the quote "\'" opened on this line is never closed: add the closing one',
    ),
    ("name: x\naliases: [a, b}\nversion: 2\n", 2, UNCLOSED_LIST),
    ("name: x\naliases: [a, b\nversion: 2\n", 2, UNCLOSED_LIST),
    ("name: x\nskills: [\n", 2, UNCLOSED_LIST),
    ("info: {a: 1\nversion: 2\n", 1, UNCLOSED_MAPPING),
    ("info: {a: 1,\n", 1, UNCLOSED_MAPPING),
    ("name: '@me'\nother: @me\n", 2, "a value cannot start with '@': put the value in quotes"),
    (
        'name: "C:\\q"\n',
        1,
        "a backslash in double quotes starts an escape YAML does not know: "
        "write \\\\ for a backslash, or use single quotes",
    ),
    ('name: "x" y\n', 1, DOES_NOT_FIT),
    ("name: x\n- y\n", 2, DOES_NOT_FIT),
    (
        "aliases:\n  - a\n  b: 1\n",
        3,
        "this line is inside a list but is not one of its items: check its indentation, or "
        "start it with '- '",
    ),
]


@pytest.mark.parametrize(("text", "line", "message"), SYNTAX_ERRORS)
def test_yaml_syntax_errors_say_what_to_check_where_it_starts(tmp_path, text, line, message):
    problem = only(refusal(write(tmp_path, "catalog.yaml", text)))
    assert (problem.line, problem.message) == (line, f"invalid YAML: {message}")


@pytest.mark.parametrize(("text", "line", "message"), SYNTAX_ERRORS)
def test_yaml_syntax_errors_read_the_same_from_the_python_parser(text, line, message):
    # PyYAML without libyaml words its errors otherwise: the same plain sentence for both.
    with pytest.raises(yaml.YAMLError) as info:
        yaml.safe_load(text)
    assert documents._plain_yaml_error(info.value, text) == (line, message)


def test_tabs_and_colons_that_are_no_mistake_get_no_hint(tmp_path):
    # A tab in a value is no indentation, and a file that parses is fine.
    path = write(tmp_path, "ok.yaml", "name: 'a\tb'\nversion: '1'\n")
    assert validate(read_document(path), CatalogInfo).name == "a\tb"
    # Links and times have colons with no space after them: YAML's own words.
    path = write(tmp_path, "b.yaml", "home: https://x.org\nat: 12:30\nversion: [1\n")
    assert only(refusal(path)).message.startswith("invalid YAML")
    # A text going on over the next line, indented deeper than its key, misses no colon.
    path = write(tmp_path, "c.yaml", "name: a\n  b 2\ninfo:\n  a: 1\nversion: [1\n")
    assert only(refusal(path)).message.startswith("invalid YAML")


@pytest.mark.parametrize("name", ["catalog.yaml", "catalog.json"])
def test_a_utf8_bom_is_accepted(tmp_path, name):
    text = (
        '{"name": "São Paulo", "version": "1"}'
        if name.endswith(".json")
        else "name: São Paulo\nversion: '1'\n"
    )
    path = write(tmp_path, name, b"\xef\xbb\xbf" + text.encode("utf-8"))
    info = validate(read_document(path), CatalogInfo)
    assert info.name == "São Paulo"  # no stray U+FEFF in the first key or value


def test_a_bom_does_not_shift_line_numbers(tmp_path):
    path = write(tmp_path, "catalog.yaml", b"\xef\xbb\xbfname: x\nversion: 7\n")
    problem = only(refusal(path, CatalogInfo))
    assert (problem.line, problem.field) == (2, "version")


# --- duplicate keys ------------------------------------------------------------------------


def test_duplicate_yaml_keys_are_refused_with_both_lines(tmp_path):
    text = "person:\n  name: Ana\n  target_role: ml-engineer\n  name: Bea\n"
    problem = only(refusal(write(tmp_path, "answers.yaml", text)))
    assert problem.line == 4
    assert "duplicate key 'name'" in problem.message
    assert "first at line 2" in problem.message


def test_duplicate_key_with_a_block_value_points_at_the_first_key(tmp_path):
    # The first 'person' holds a nested block starting on line 2; the key is on line 1.
    text = "person:\n  name: Ana\nskills: {}\nperson:\n  name: Bea\n"
    problem = only(refusal(write(tmp_path, "answers.yaml", text)))
    assert problem.line == 4
    assert "first at line 1" in problem.message


def test_duplicate_json_keys_are_refused(tmp_path):
    text = '{\n  "name": "a",\n  "version": "1",\n  "name": "b"\n}\n'
    problem = only(refusal(write(tmp_path, "catalog.json", text)))
    assert "duplicate key 'name'" in problem.message


# --- strict types: nothing silently coerced ------------------------------------------------


def test_level_five_in_words_is_refused(tmp_path):
    path = write(tmp_path, "answers.yaml", "skills:\n  python: 3\n  sql: five\n")
    problem = only(refusal(path, Answers))
    assert (problem.field, problem.line) == ("skills.sql", 3)
    assert "'five'" in problem.message


@pytest.mark.parametrize("word", ["NO", "no", "yes", "off", "On"])
def test_yes_no_words_are_not_booleans(tmp_path, word):
    # YAML 1.1 would make `essential: NO` a silent False; only true/false are booleans.
    path = write(tmp_path, "skill.yaml", f"importance: 3\nlevel: 2\nessential: {word}\n")
    problem = only(refusal(path, RoleSkill))
    assert (problem.field, problem.line) == ("essential", 3)
    assert "boolean" in problem.message
    assert repr(word) in problem.message  # shows what was written, not False


def test_true_and_false_are_booleans(tmp_path):
    path = write(tmp_path, "skill.yaml", "importance: 3\nlevel: 2\nessential: true\n")
    assert validate(read_document(path), RoleSkill).essential is True


def test_no_in_a_text_field_stays_text(tmp_path):
    # The Norway problem: a name "NO" must stay "NO", not become False.
    path = write(tmp_path, "catalog.yaml", "name: NO\nversion: 'off'\n")
    info = validate(read_document(path), CatalogInfo)
    assert (info.name, info.version) == ("NO", "off")


def test_unquoted_1_10_is_not_silently_read_as_1_1(tmp_path):
    path = write(tmp_path, "catalog.yaml", "name: x\nversion: 1.10\n")
    problem = only(refusal(path, CatalogInfo))
    assert (problem.field, problem.line) == ("version", 2)
    assert "valid string" in problem.message


@pytest.mark.parametrize(
    "text, field",
    [
        ("importance: '5'\nlevel: 2\n", "importance"),  # text where a number belongs
        ("importance: 5.0\nlevel: 2\n", "importance"),  # a float where an int belongs
        ("importance: true\nlevel: 2\n", "importance"),  # a bool is not 1
    ],
)
def test_numbers_are_strict(tmp_path, text, field):
    problem = only(refusal(write(tmp_path, "skill.yaml", text), RoleSkill))
    assert (problem.field, problem.line) == (field, 1)


def test_hours_written_as_text_are_refused(tmp_path):
    path = write(tmp_path, "answers.yaml", "person:\n  hours_per_week: '1.10'\n")
    problem = only(refusal(path, Answers))
    assert (problem.field, problem.line) == ("person.hours_per_week", 2)


def test_a_huge_number_is_refused_with_a_short_message(tmp_path):
    path = write(tmp_path, "skill.yaml", "importance: " + "9" * 5000 + "\nlevel: 2\n")
    problem = only(refusal(path, RoleSkill))
    assert problem.line == 1
    assert len(problem.message) < 300


# --- unknown keys and many errors ----------------------------------------------------------


def test_misspelt_key_is_reported_with_did_you_mean(tmp_path):
    text = "person:\n  name: Ana\n  traget_role: ml-engineer\n"
    problem = only(refusal(write(tmp_path, "answers.yaml", text), Answers))
    assert (problem.field, problem.line) == ("person.traget_role", 3)
    assert problem.message == 'unknown key; did you mean "target_role"?'


def test_misspelt_top_level_key_also_reports_the_missing_one(tmp_path):
    text = GOOD_ROLE.replace("summary:", "sumary:")
    problems = refusal(write(tmp_path, "role.yaml", text), Role)
    by_field = {p.field: p for p in problems}
    assert by_field["sumary"].message == 'unknown key; did you mean "summary"?'
    assert by_field["sumary"].line == 4
    assert by_field["summary"].message == "required field is missing"


def test_a_key_nothing_like_any_field_gets_no_suggestion(tmp_path):
    path = write(tmp_path, "catalog.yaml", "name: x\nversion: '1'\nzzzqqq: 1\n")
    problem = only(refusal(path, CatalogInfo))
    assert (problem.field, problem.line, problem.message) == ("zzzqqq", 3, "unknown key")


def test_many_errors_in_one_file_are_all_reported_in_line_order(tmp_path):
    text = """\
id: Data Analyst
name: Data Analyst
family: finance
summary: Turns data into answers.
responsibilities: []
colour: blue
skills:
  sql: {importance: 9, level: 3}
  python: {importance: 3, level: 0, essential: maybe}
"""
    problems = refusal(write(tmp_path, "role.yaml", text), Role)
    seen = [(p.line, p.field) for p in problems]
    assert seen == [
        (1, "id"),
        (3, "family"),
        (5, "responsibilities"),
        (6, "colour"),
        (8, "skills.sql.importance"),
        (9, "skills.python.essential"),
        (9, "skills.python.level"),
    ]
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    assert str(InputError(problems)).splitlines()[0].startswith(f"{tmp_path / 'role.yaml'}:1: id:")


def test_problems_print_as_file_line_field_message(tmp_path):
    path = write(tmp_path, "role.yaml", GOOD_ROLE.replace("level: 2}", "level: 7}", 1))
    problem = only(refusal(path, Role))
    assert str(problem) == (
        f"{path}:9: skills.python.level: Input should be less than or equal to 4 (got 7)"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("- a\n- b\n", "got a list"),
        ("just text\n", "got a single value"),
        ("", "is empty"),
        ("# only a comment\n", "is empty"),
    ],
)
def test_top_level_must_be_a_mapping(tmp_path, text, expected):
    problem = only(refusal(write(tmp_path, "catalog.yaml", text), CatalogInfo))
    assert expected in problem.message


def test_malformed_yaml_is_reported_with_the_line(tmp_path):
    text = "name: x\nversion: '1'\ndescription: [unclosed\nother: 2\n"
    problem = only(refusal(write(tmp_path, "catalog.yaml", text)))
    assert problem.message.startswith("invalid YAML")
    assert problem.line == 3  # where the list opened, not where the parser gave up


def test_malformed_json_is_reported_with_the_line(tmp_path):
    text = '{\n  "name": "x",\n  "version": "1",,\n}\n'
    problem = only(refusal(write(tmp_path, "catalog.json", text)))
    assert problem.message.startswith("invalid JSON")
    assert problem.line == 3


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"skills": }', "a value was expected at column 12 ("),
        ('{"skills": {"python": 3,}}', 'a "name" in double quotes was expected at column 25'),
        ('{"skills" {}}', 'a ":" was expected at column 11, after the name'),
        ('{"a": 1 "b": 2}', 'a "," was expected at column 9, between two items'),
        ('{"a": 1} x', "more follows the end of the JSON at column 10"),
        ('{"a": "b\n', "holds a line break or a control character at column 9"),
        ('{"a": "\\q"}', "the backslash at column 8 starts no escape JSON knows"),
    ],
)
def test_json_faults_are_said_in_plain_words_in_every_language(text, said):
    """ "invalid JSON: Expecting value" was the json module's English, in pt-BR too."""
    with pytest.raises(InputError) as caught:
        parse_text(text, "a.json")
    message = caught.value.problems[0].message
    assert message.startswith("invalid JSON: ") and said in message
    i18n.use("pt-BR")
    try:
        with pytest.raises(InputError) as caught:
            parse_text(text, "a.json")
    finally:
        i18n.use(i18n.DEFAULT)
    message = caught.value.problems[0].message
    assert message.startswith("JSON inválido: ") and "coluna" in message


def test_json_nan_is_refused(tmp_path):
    problem = only(refusal(write(tmp_path, "a.json", '{"person": {"hours_per_week": NaN}}')))
    assert "NaN" in problem.message


def test_a_good_document_validates_and_knows_its_lines():
    doc = parse_text(GOOD_ROLE, "role.yaml")
    role = validate(doc, Role)
    assert role.skills["sql"].essential is True
    assert doc.line_of(("skills", "python", "level")) == 9
    assert doc.line_of(("skills", "nonexistent")) == 7  # falls back to the nearest parent
    assert doc.line_of(("responsibilities", 0)) == 6


@pytest.mark.timeout(60)  # bounded work: refused while composing, not after 380,000 keys
@pytest.mark.parametrize("ext", ["yaml", "json"])
def test_a_mapping_with_too_many_keys_is_refused_while_reading(tmp_path, ext, runner):
    """Issue 13: 380,000 unknown skill keys took 3 min 42 s and 600 MB."""
    from careerpath.cli import cli
    from careerpath.documents import MAX_KEYS

    n = 380_000
    if ext == "yaml":
        text = "schema_version: 1\nskills:\n" + "".join(f"  s{i}: 2\n" for i in range(n))
    else:
        text = '{"schema_version": 1, "skills": {' + ", ".join(f'"s{i}": 2' for i in range(n))
        text += "}}"
    path = write(tmp_path, f"huge.{ext}", text)
    problem = only(refusal(path))
    assert (
        problem.message
        == f"a mapping with more than {MAX_KEYS:,} keys; no careerpath file needs that"
    )
    if ext == "yaml":
        assert problem.line == MAX_KEYS + 3  # where the first key past the limit stands
    result = runner.invoke(cli, ["assess", "--answers", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{path}" in result.stderr and "more than 5,000 keys" in result.stderr


def test_a_mapping_at_the_key_limit_is_read():
    from careerpath.documents import MAX_KEYS

    text = "".join(f"k{i}: 1\n" for i in range(MAX_KEYS))
    assert len(parse_text(text, "ok.yaml").data) == MAX_KEYS
