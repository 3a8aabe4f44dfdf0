"""Editing a YAML document's values in its own text (yaml_edit): what a person wrote around
the values (comments, layout, key order) survives, and what cannot be edited safely is
refused (None), never written wrong."""

from __future__ import annotations

from careerpath.answers import _Dumper
from careerpath.documents import parse_yaml
from careerpath.yaml_edit import edit


def change(text: str, data: dict, drop=lambda loc: False, means: dict | None = None) -> str | None:
    """The edit, checked to read back as ``data`` (or ``means``, where keys were kept)."""
    out = edit(text, data, _Dumper, drop)
    if out is not None:
        assert parse_yaml(out, "x.yaml").data == (data if means is None else means)
    return out


def test_a_changed_value_keeps_the_comments_around_it():
    text = "# my notes\nskills:\n  sql: 3   # daily at work\n  python: 1\n\n# the end\n"
    out = change(text, {"skills": {"sql": 4, "python": 1}})
    assert out == "# my notes\nskills:\n  sql: 4   # daily at work\n  python: 1\n\n# the end\n"


def test_nothing_changed_is_the_text_as_it_was():
    text = "person:   {name: Kim}  # me\nskills:\n  sql: 3 # x\n  r:\n"
    assert change(text, {"person": {"name": "Kim"}, "skills": {"sql": 3, "r": None}}) == text


def test_new_keys_go_after_the_entry_before_them():
    text = "# head\nperson:\n  name: Kim\nskills:\n  sql: 3   # daily\n"
    data = {"version": 1, "person": {"name": "Kim"}, "skills": {"sql": 3, "python": 2}}
    assert change(text, data) == (
        "# head\nversion: 1\nperson:\n  name: Kim\nskills:\n  sql: 3   # daily\n  python: 2\n"
    )


def test_a_new_key_after_a_nested_entry_and_at_the_end_of_a_file_without_a_line_break():
    text = "skills:\n  spark:\n    level: 2  # guess\n  # a comment after\n  sql: 1"
    out = change(text, {"skills": {"spark": {"level": 2}, "sql": 1, "r": 0}})
    assert (
        out == "skills:\n  spark:\n    level: 2  # guess\n  # a comment after\n  sql: 1\n  r: 0\n"
    )


def test_an_empty_value_gets_the_new_one_after_its_colon():
    text = "skills:\n  python:   # not sure\n  sql:\n"
    out = change(text, {"skills": {"python": 2, "sql": {"level": 1, "interest": 2}}})
    assert out == "skills:\n  python: 2   # not sure\n  sql:\n    level: 1\n    interest: 2\n"
    text = "person: {}\nskills:   # mine\n"
    out = change(text, {"person": {}, "skills": {"sql": 1}})
    assert out == "person: {}\nskills:   # mine\n  sql: 1\n"


def test_a_nested_mapping_is_edited_in_place_and_a_value_emptied_leaves_no_spaces():
    text = "skills:\n  spark:\n    level: 2   # guess\n    evidence: ETL\n  sql: 3\n"
    data = {"skills": {"spark": {"level": 3, "evidence": "ETL"}, "sql": None}}
    assert change(text, data) == (
        "skills:\n  spark:\n    level: 3   # guess\n    evidence: ETL\n  sql:\n"
    )
    # Skipped: the whole block goes, the key stays.
    out = change(text, {"skills": {"spark": None, "sql": 3}})
    assert out == "skills:\n  spark:\n  sql: 3\n"


def test_keys_are_deleted_only_where_the_caller_says():
    text = "person:\n  name: Kim\n  target_role:   # later\nskills:\n  r: 1  # old\n  sql: 2\n"
    data = {"person": {"name": "Kim"}, "skills": {"sql": 2}}
    kept = {"person": {"name": "Kim", "target_role": None}, "skills": {"sql": 2}}
    out = change(text, data, drop=lambda loc: loc == ("skills",), means=kept)
    assert out == "person:\n  name: Kim\n  target_role:   # later\nskills:\n  sql: 2\n"


def test_text_needing_quotes_is_quoted_as_our_reader_reads_it():
    text = "person:\n  name: Kim\n"
    for name in ("yes", "0x3", "a: b", "#1", "null", "2027-01-04", "Zoë"):
        out = change(text, {"person": {"name": name}})
        assert out is not None and parse_yaml(out, "x.yaml").data == {"person": {"name": name}}


def test_forms_it_does_not_edit_are_refused():
    assert change("{skills: {sql: 1}}  # mine\n", {"skills": {"sql": 2}}) is None  # flow
    assert change("- a\n- b\n", {"a": 1}) is None  # not a mapping
    assert change("skills: [\n", {"skills": {}}) is None  # not YAML
    assert change("# only a comment\n", {"skills": {}}) is None  # no document
