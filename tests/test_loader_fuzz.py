"""Property: whatever an answers file holds, loading it gives a valid Profile or the tool's own
InputError (issue 9). Any other exception (TypeError, KeyError, RecursionError, a pydantic or
YAML error that escaped, ...) would be a traceback in front of a user, and fails here.

Inputs come three ways: generated structures (every YAML type, nested, control characters in
text) written out as YAML or JSON; answers-shaped structures, so that the validation and the
name resolution behind the parser are reached too; and raw YAML-ish text and bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import json

import pytest
import yaml
from conftest import DATA
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from careerpath.answers import dump_answers, parse_answers
from careerpath.catalog import load_catalog
from careerpath.documents import decode, parse_text
from careerpath.errors import InputError
from careerpath.profile import Profile

# About a second per property, so that the file stays under ten seconds in the normal suite.
# Local runs draw new examples each time; CI runs derandomized (the "ci" profile in
# conftest.py), so a find never blocks an unrelated change; each find becomes an @example.
SETTINGS = settings(
    max_examples=80,
    deadline=None,  # the first examples pay for imports; speed is bounded by the file's total
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text with everything a file can carry once decoded: controls, NEL, line/paragraph
# separators, BOM, zero-width and right-to-left marks; not lone surrogates (UTF-8 has none).
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(
            "\x00\x07\x1b\x7f\x85\u2028\u2029\ufeff\u200b\u202e\t\r\n :-#&*!|>'\"{}[],?%@`"
        ),
    ),
    max_size=30,
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    st.sampled_from(
        ["NO", "yes", "off", "1.10", "five", "~", "null", "2027-02-30", "0x1F", "1e400"]
    ),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=8),
)
KEYS = st.one_of(TEXT, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=25,
)


@functools.cache
def names() -> dict[str, list[str]]:
    catalog = load_catalog(DATA)
    return {
        "ids": list(catalog.skills),
        "skills": sorted(catalog._skill_names),
        "roles": sorted(catalog._role_names),
    }


def shaped():
    return answers_shaped(names()["ids"], names()["skills"], names()["roles"])


def answers_shaped(skill_ids: list[str], skill_names: list[str], role_names: list[str]):
    """Answers files, mostly right (so that name resolution and the saved round trip are
    reached), with values of every kind and unknown or duplicate names mixed in."""
    anything = STRUCTURES
    good_level = st.integers(0, 4)
    level = st.one_of(good_level, good_level, good_level, st.integers(-2, 6), anything)
    answer = st.one_of(
        level,
        level,
        st.fixed_dictionaries(
            {"level": level},
            optional={"evidence": TEXT, "interest": st.one_of(st.integers(0, 2), anything)},
        ),
        st.dictionaries(st.sampled_from(["levle", "Level", "evidence"]), anything, max_size=2),
    )
    skill = st.one_of(
        st.sampled_from(skill_ids), st.sampled_from(skill_ids), st.sampled_from(skill_names), TEXT
    )
    role = st.one_of(st.sampled_from([*role_names, "other", "Other"]), TEXT, anything)
    person = st.fixed_dictionaries(
        {},
        optional={
            "name": st.one_of(TEXT, anything),
            "current_role": role,
            "target_role": role,
            "hours_per_week": st.one_of(st.floats(0, 100), st.integers(0, 100), anything),
            "start_date": st.one_of(st.dates(), st.sampled_from(["2027-01-04", "NO"]), anything),
        },
    )
    progress = st.dictionaries(
        st.one_of(st.sampled_from(["learn-python", "x"]), TEXT),
        st.one_of(
            st.fixed_dictionaries(
                {"status": st.sampled_from(["todo", "learning", "done", "skipped", "nope"])},
                optional={"date": st.one_of(st.dates(), TEXT)},
            ),
            anything,
        ),
        max_size=3,
    )
    near_valid = st.fixed_dictionaries(
        {"schema_version": st.just(1)},
        optional={
            "assessed_on": st.dates(),
            "person": st.fixed_dictionaries(
                {},
                optional={
                    "name": TEXT,
                    "current_role": st.sampled_from([*role_names, "other"]),
                    "target_role": st.sampled_from(role_names),
                    "hours_per_week": st.floats(1, 80),
                },
            ),
            "skills": st.dictionaries(
                st.sampled_from(skill_ids),
                st.one_of(
                    st.none(),
                    good_level,
                    st.fixed_dictionaries(
                        {"level": good_level},
                        optional={"evidence": TEXT, "interest": st.integers(0, 2)},
                    ),
                ),
                max_size=20,
            ),
        },
    )
    broken = st.fixed_dictionaries(
        {},
        optional={
            "schema_version": st.one_of(st.just(1), st.just(1), anything),
            "catalog_version": st.one_of(TEXT, anything),
            "assessed_on": st.one_of(st.dates(), st.datetimes(), TEXT),
            "person": st.one_of(person, person, anything),
            "skills": st.one_of(
                st.dictionaries(skill, answer, max_size=10),
                st.dictionaries(skill, answer, max_size=10),
                anything,
            ),
            "progress": st.one_of(progress, anything),
            "extra": anything,
        },
    )
    return st.one_of(near_valid, mutated(near_valid), broken)


@st.composite
def mutated(draw, base):
    """A valid-looking document with one node replaced by anything, deleted, or joined by an
    unknown key: errors deep inside an otherwise good file, where the shape checks are."""
    doc = draw(base)
    node = doc
    while isinstance(node, dict) and node:
        key = draw(st.sampled_from(sorted(node)))
        child = node[key]
        if isinstance(child, dict) and child and draw(st.booleans()):
            node = child
            continue
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if action == "replace":
            node[key] = draw(STRUCTURES)
        elif action == "delete":
            del node[key]
        else:
            node[draw(KEYS)] = draw(STRUCTURES)
        break
    return doc


def load(text: str, name: str) -> Profile | None:
    """The loader's outcome: a Profile, or None for an InputError (checked to be printable).
    The bundled catalogue is loaded here (cached), not passed in: Hypothesis would print a
    fixture argument's whole repr with every failing example."""
    catalog = load_catalog(DATA)
    try:
        profile = parse_answers(parse_text(text, name), catalog)
    except InputError as exc:
        assert exc.problems, "an InputError must say what is wrong"
        assert all(p.file == name for p in exc.problems)
        assert str(exc)
        return None
    check_profile(profile, catalog)
    return profile


def check_profile(profile: Profile, catalog) -> None:
    assert isinstance(profile, Profile)
    assert set(profile.levels) <= set(catalog.skills)
    assert all(type(v) is int and 0 <= v <= 4 for v in profile.levels.values())
    for key in ("current_role", "target_role"):
        role = getattr(profile.person, key)
        assert role is None or role in catalog.roles or role == "other"
    assert len(profile.fingerprint) == 12
    # What the tool would save for this person loads back to the same levels.
    again = parse_answers(parse_text(dump_answers(profile.answers), "saved.yaml"), catalog)
    assert again.levels == profile.levels and again.person == profile.person


def as_yaml(data, unicode: bool) -> str:
    return yaml.safe_dump(data, allow_unicode=unicode, sort_keys=False)


def as_json(data) -> str:
    return json.dumps(data, default=str, ensure_ascii=False)


@SETTINGS
@given(data=STRUCTURES, unicode=st.booleans())
def test_any_structure_as_yaml(data, unicode):
    load(as_yaml(data, unicode), "fuzz.yaml")


@SETTINGS
@given(data=STRUCTURES)
def test_any_structure_as_json(data):
    load(as_json(data), "fuzz.json")  # NaN and Infinity included: JSON itself has no such thing


@SETTINGS
@given(data=st.data())
def test_answers_shaped_structures(data):
    doc = data.draw(shaped())
    fmt = data.draw(st.sampled_from(["yaml", "json"]))
    text = as_yaml(doc, True) if fmt == "yaml" else as_json(doc)
    load(text, f"answers.{fmt}")


def test_the_shaped_strategy_also_reaches_valid_profiles():
    """The property above is only worth something if valid files are among the examples."""
    valid = 0

    @settings(max_examples=30, deadline=None, database=None)
    @given(shaped())
    def count(doc):
        nonlocal valid
        valid += load(as_yaml(doc, True), "answers.yaml") is not None

    count()
    assert valid > 0


FRAGMENTS = st.sampled_from(
    [
        "schema_version: 1\n",
        "person:\n",
        "  name: ",
        "  target_role: ml-engineer\n",
        "skills:\n",
        "  python: ",
        "  sql: {level: ",
        "progress: {x: {status: done}}\n",
        "- ",
        "? ",
        ": ",
        ", ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a ",
        "<<: ",
        "!!python/object/apply:os.system ",
        "!!binary ",
        "!!str ",
        "!!int ",
        "!custom ",
        "|\n",
        ">-\n",
        "'",
        '"',
        "\\",
        "# comment\n",
        "%YAML 1.1\n",
        "%TAG ! tag:x,2000:\n",
        "---\n",
        "...\n",
        "\t",
        "\n",
        "  ",
        "\x00",
        "\x1b[31m",
        "\ufeff",
        "\u2028",
        "\x85",
        "2027-02-30",
        "2027-01-04",
        "1.10",
        "NO",
        "~",
        ".inf",
        ".nan",
        "0x1F",
        "0o17",
        "1_000",
        "1e400",
        "9" * 5000,
        "3",
        "4",
    ]
)
YAMLISH = st.lists(st.one_of(FRAGMENTS, TEXT), max_size=30).map("".join)


@SETTINGS
@given(text=YAMLISH, name=st.sampled_from(["f.yaml", "f.yml", "f.json", "F.JSON", "f"]))
def test_any_yamlish_text(text, name):
    load(text, name)


@SETTINGS
@given(raw=st.one_of(st.binary(max_size=200), YAMLISH.map(lambda t: t.encode("utf-8", "replace"))))
# Finds of earlier runs, kept so that they stay tested whatever Hypothesis draws (issue 19).
@example(raw=b"!!int")
@example(raw=b"python: !!int")
@example(raw=b"!!float .")
def test_any_bytes(raw):
    try:
        text = decode(raw, "f.yaml")
    except InputError:
        return
    load(text, "f.yaml")


def test_values_yaml_would_misread_are_refused_not_converted():
    """Spot checks of the property's reason to exist, readable without Hypothesis."""
    for value in ["NO", "yes", "1.10", "five", ".nan", "-.inf", "2027-01-04", "true"]:
        text = f"schema_version: 1\nskills:\n  python: {value}\n"
        assert load(text, "spot.yaml") is None, value
    assert load("schema_version: 1\nassessed_on: 2027-01-04\n", "ok.yaml") is not None
    assert load('{"assessed_on": "2027-01-04"}', "ok.json").answers.assessed_on == (
        dt.date(2027, 1, 4)
    )


# Every standard YAML tag, explicit, on every kind of text that could follow it: each either
# builds a value or is refused with the file and line; none may crash the loader (issue 19).
STANDARD_TAGS = [
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!timestamp",
    "!!map",
    "!!seq",
    "!!binary",
    "!!omap",
    "!!pairs",
    "!!set",
    "!!merge",
    "!!value",
    "!!yaml",
]
TAGGED_VALUES = [
    "",
    "''",
    '""',
    ".",
    "-",
    "+",
    "0",
    "3",
    "-3",
    "+3",
    "0x3",
    "0b11",
    "010",
    "1_0",
    "1:30",
    "1.5",
    ".5",
    "1e3",
    "1e400",
    ".inf",
    "-.inf",
    ".nan",
    "true",
    "yes",
    "no",
    "~",
    "null",
    "2027-01-04",
    "2027-02-30",
    "2027-01-04T10:00:00",
    "abc",
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
]


@pytest.mark.parametrize("tag", STANDARD_TAGS)
def test_every_standard_tag_builds_or_is_refused_with_file_and_line(tag):
    for value in TAGGED_VALUES:
        for text in (f"{tag} {value}", f"schema_version: 1\nskills:\n  python: {tag} {value}\n"):
            try:
                doc = parse_text(text, "tags.yaml")
            except InputError as exc:
                (problem,) = exc.problems
                assert problem.file == "tags.yaml", (tag, value)
                assert problem.line == text.count("\n", 0, text.index(tag)) + 1, (tag, value)
                continue
            # Built: the value is of the tag's type, not a guess from mismatched text.
            built = doc.data if text.startswith(tag) else doc.data["skills"]["python"]
            expected = {
                "!!str": str,
                "!!int": int,
                "!!float": float,
                "!!bool": bool,
                "!!null": type(None),
                "!!map": dict,
                "!!seq": list,
            }.get(tag)
            if expected is not None:
                assert type(built) is expected, (tag, value, built)


@pytest.mark.parametrize(
    "value", ["!!int", "!!int ''", "!!float .", "!!bool yes", "!!null x", "!!int 0x3"]
)
def test_typed_empty_or_mismatched_scalars_are_refused_in_assess(tmp_path, value):
    """The crash of issue 19, end to end: an answers file with `python: !!int`."""
    from click.testing import CliRunner

    from careerpath.cli import cli

    path = tmp_path / "typed.yaml"
    path.write_text(f"schema_version: 1\nskills:\n  python: {value}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["assess", "--answers", str(path)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stderr.startswith(f"error: {path}:3: "), result.stderr
    assert "Traceback" not in result.stderr


# 3.0 is no longer among them: a whole float is that level (pandas exports levels so).
@pytest.mark.parametrize("value", ["0x3", "0b11", "+3", "010", "1_0", "3.5"])
def test_levels_accept_plain_decimal_only_and_say_what_was_written(tmp_path, value):
    text = f"schema_version: 1\nskills:\n  python: {value}\n"
    with pytest.raises(InputError) as caught:
        parse_answers(parse_text(text, "levels.yaml"), load_catalog(DATA))
    (problem,) = caught.value.problems
    assert problem.line == 3
    assert value in problem.message, problem.message
