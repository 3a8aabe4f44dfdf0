"""Every command's --json output against the schema `careerpath schema NAME` prints for it.

The schemas are generated from the pydantic models; this checks the printed schema itself, not
only the model: the output is validated by a small validator of the JSON Schema keywords
pydantic emits (it refuses a keyword it does not know, so no constraint is skipped unseen),
and loaded back into the model it was made from. jsonschema is not a dependency; a validator
of this subset is short, and it keeps the test extras as they are.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner
from conftest import DATA, EXAMPLES
from pydantic import TypeAdapter

from careerpath.cli import cli
from careerpath.models.registry import (
    FORMATS,
    NAMES,
    OUTPUTS,
    TRANSLATIONS,
    json_schema,
    model_for,
)

DE = EXAMPLES / "answers" / "data-engineer-to-ml.yaml"
DE_LATER = EXAMPLES / "answers" / "data-engineer-to-ml-2027-05.yaml"
COHORT = EXAMPLES / "cohort"
DAY = "2026-11-22"

# --- a validator for what pydantic emits ----------------------------------------------------

_IGNORED = {"title", "description", "default", "$schema", "$defs", "examples"}
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def errors(value: Any, schema: dict, root: dict, where: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema`` (empty: it conforms)."""
    unknown = set(schema) - _IGNORED - set(_KEYWORDS)
    assert not unknown, f"{where}: the validator does not know {unknown}"
    found: list[str] = []
    for keyword, check in _KEYWORDS.items():
        if keyword in schema:
            found += check(value, schema, root, where)
    return found


def _ref(value, schema, root, where):
    name = schema["$ref"].removeprefix("#/$defs/")
    return errors(value, root["$defs"][name], root, where)


def _any_of(value, schema, root, where):
    branches = [errors(value, branch, root, where) for branch in schema["anyOf"]]
    return [] if any(not b for b in branches) else [f"{where}: matches no branch: {branches}"]


def _type(value, schema, root, where):
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return [] if any(_TYPES[k](value) for k in kinds) else [f"{where}: not {kinds}: {value!r}"]


def _object(check):
    def run(value, schema, root, where):
        return check(value, schema, root, where) if isinstance(value, dict) else []

    return run


def _properties(value, schema, root, where):
    out = []
    patterns = schema.get("patternProperties", {})
    extra = schema.get("additionalProperties", True)
    for key, item in value.items():
        if key in schema.get("properties", {}):
            out += errors(item, schema["properties"][key], root, f"{where}.{key}")
            continue
        matched = [p for p in patterns if re.search(p, key)]
        for p in matched:
            out += errors(item, patterns[p], root, f"{where}.{key}")
        if matched:
            continue
        if extra is False:
            out.append(f"{where}: unexpected key {key!r}")
        elif isinstance(extra, dict):
            out += errors(item, extra, root, f"{where}.{key}")
    return out


def _required(value, schema, root, where):
    return [f"{where}: missing {k!r}" for k in schema["required"] if k not in value]


def _property_names(value, schema, root, where):
    return [e for key in value for e in errors(key, schema["propertyNames"], root, where)]


def _items(value, schema, root, where):
    if not isinstance(value, list):
        return []
    return [
        e for i, v in enumerate(value) for e in errors(v, schema["items"], root, f"{where}[{i}]")
    ]


def _bound(name, test):
    def run(value, schema, root, where):
        if isinstance(value, bool) or not test(value, schema[name], True):
            return []
        return [] if test(value, schema[name], False) else [f"{where}: {name} {schema[name]}"]

    return run


def _number(limit_ok):
    return lambda v, limit, probe: isinstance(v, int | float) if probe else limit_ok(v, limit)


def _sized(kind, limit_ok):
    return lambda v, limit, probe: isinstance(v, kind) if probe else limit_ok(len(v), limit)


def _pattern(value, schema, root, where):
    if isinstance(value, str) and not re.search(schema["pattern"], value):
        return [f"{where}: {value!r} does not match {schema['pattern']}"]
    return []


def _format(value, schema, root, where):
    parse = {"date": dt.date.fromisoformat, "date-time": dt.datetime.fromisoformat}
    if not isinstance(value, str) or schema["format"] not in parse:
        assert schema["format"] in parse, schema["format"]
        return []
    try:
        parse[schema["format"]](value)
    except ValueError:
        return [f"{where}: {value!r} is not a {schema['format']}"]
    return []


_KEYWORDS = {
    "$ref": _ref,
    "anyOf": _any_of,
    "type": _type,
    "enum": lambda v, s, r, w: [] if v in s["enum"] else [f"{w}: {v!r} not in {s['enum']}"],
    "const": lambda v, s, r, w: [] if v == s["const"] else [f"{w}: {v!r} is not {s['const']!r}"],
    "properties": _object(_properties),
    "patternProperties": _object(
        lambda v, s, r, w: [] if "properties" in s else _properties(v, s, r, w)
    ),
    "additionalProperties": _object(
        lambda v, s, r, w: (
            [] if "properties" in s or "patternProperties" in s else _properties(v, s, r, w)
        )
    ),
    "required": _object(_required),
    "propertyNames": _object(_property_names),
    "minProperties": _bound("minProperties", _sized(dict, lambda n, m: n >= m)),
    "items": _items,
    "minItems": _bound("minItems", _sized(list, lambda n, m: n >= m)),
    "maxItems": _bound("maxItems", _sized(list, lambda n, m: n <= m)),
    "minLength": _bound("minLength", _sized(str, lambda n, m: n >= m)),
    "maxLength": _bound("maxLength", _sized(str, lambda n, m: n <= m)),
    "minimum": _bound("minimum", _number(lambda v, m: v >= m)),
    "maximum": _bound("maximum", _number(lambda v, m: v <= m)),
    "pattern": _pattern,
    "format": _format,
}


def test_the_validator_finds_what_is_wrong():
    schema = json_schema("progress")
    good = {
        "schema_version": 1,
        "tool_version": "0.1.0",
        "file": "a.yaml",
        "step": "pandas",
        "status": "done",
        "date": "2026-11-22",
    }
    assert errors(good, schema, schema) == []
    assert errors({**good, "extra": 1}, schema, schema) == ["$: unexpected key 'extra'"]
    assert errors({k: v for k, v in good.items() if k != "step"}, schema, schema) == [
        "$: missing 'step'"
    ]
    assert errors({**good, "status": "finished"}, schema, schema)
    assert errors({**good, "date": "22/11/2026"}, schema, schema)
    assert errors({**good, "schema_version": 2}, schema, schema)
    team = json_schema("team")
    assert errors({"roles": [{"advice": "retrain"}]}, team, team)
    assert errors([{"id": "x"}], json_schema("roles"), json_schema("roles"))


# --- every command's --json -----------------------------------------------------------------


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, tuple[tuple[str, ...], Any]]:
    """Schema name -> (the command line, the JSON it printed), one run each."""
    tmp = tmp_path_factory.mktemp("json")
    runner = CliRunner()
    mine = tmp / "mine.yaml"
    shutil.copy(DE, mine)
    batch = tmp / "batch"
    batch.mkdir()
    for f in sorted(COHORT.glob("*.yaml"))[:3]:
        shutil.copy(f, batch)
    out_dir = tmp / "reports"
    batch_args = ("--out-dir", str(out_dir), "--format", "html", "--jobs", "1", "--date", DAY)
    roadmap = json.loads(runner.invoke(cli, ["roadmaps", "--json"]).stdout)[0]["id"]
    job = tmp / "job.md"
    job.write_text("# Data Engineer\n\n## Requirements\n- 5+ years of SQL and Python\n")
    runs: dict[str, tuple[tuple[str, ...], int]] = {
        "validation": (("validate", "--json"), 0),
        "roles": (("roles", "--json"), 0),
        "role": (("roles", "show", "ml-engineer", "--json"), 0),
        "skills": (("skills", "--json"), 0),
        "catalog-skill": (("skills", "show", "python", "--json"), 0),
        "roadmaps": (("roadmaps", "--json"), 0),
        "roadmap": (("roadmaps", "show", roadmap, "--json"), 0),
        "assessment": (("assess", "--answers", str(DE), "--json"), 0),
        "adaptive-replay": (("assess", "--adaptive", "--answers", str(DE), "--json"), 0),
        "plan": (("plan", "--answers", str(DE), "--target", "ml-engineer", "--json"), 0),
        "report": (("report", "--answers", str(DE), "-o", str(tmp / "r.html"), "--json"), 0),
        "progress": (("progress", "--answers", str(mine), "pandas-numpy-for-ml", "--done",
                      "--date", DAY, "--json"), 0),
        "comparison": (("compare", str(DE), str(DE_LATER), "--json"), 0),
        "cohort": (("cohort", str(COHORT), "--json"), 0),
        "team": (("team", str(COHORT), "--json"), 0),
        "posting": (("posting", str(job), "--answers", str(DE), "--json"), 0),
    }  # fmt: skip
    got = {}
    for name, (args, code) in runs.items():
        result = runner.invoke(cli, list(args))
        assert result.exit_code == code, (args, result.output)
        got[name] = (args, json.loads(result.stdout))
    # A batch with something in each list: written, skipped (already there) and failed.
    assert runner.invoke(cli, ["report", "--batch", str(batch), *batch_args]).exit_code == 0
    shutil.copy(sorted(COHORT.glob("*.yaml"))[3], batch)
    (batch / "broken.yaml").write_text("person: [\n")
    args = ("report", "--batch", str(batch), *batch_args, "--skip-existing", "--json")
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 1, result.output  # the broken file
    got["batch"] = (args, json.loads(result.stdout))
    return got


@pytest.mark.parametrize(
    "name", sorted(set(NAMES) - {"answers", "skill", "catalog"} - set(TRANSLATIONS))
)
def test_each_json_output_conforms_to_its_printed_schema(outputs, name):
    args, data = outputs[name]
    printed = json.loads(CliRunner().invoke(cli, ["schema", name]).stdout)
    assert printed == json_schema(name)  # what is printed is what the models generate
    assert errors(data, printed, printed) == [], args
    # And the model reads it back to the same JSON (nothing lost, nothing extra).
    adapter = TypeAdapter(model_for(name))
    assert adapter.dump_python(adapter.validate_python(data), mode="json") == data


@pytest.mark.parametrize(
    "path", sorted((DATA / "i18n").rglob("*.yaml")), ids=lambda p: p.relative_to(DATA).as_posix()
)
def test_each_bundled_translation_conforms_to_its_printed_schema(path):
    relative = path.relative_to(DATA / "i18n").parts[1:]  # LANG/ dropped
    name = "catalog-text" if relative == ("catalog.yaml",) else f"{relative[0][:-1]}-text"
    printed = json.loads(CliRunner().invoke(cli, ["schema", name]).stdout)
    assert errors(yaml.safe_load(path.read_text("utf-8")), printed, printed) == []


def test_the_batch_summary_lists_written_skipped_and_failed(outputs):
    _, data = outputs["batch"]
    assert len(data["written"]) == 1 and len(data["skipped"]) == 3
    [failed] = data["failed"]
    assert failed["answers"].endswith("broken.yaml") and failed["error"]
    assert all(Path(f["report"]).exists() for f in data["written"] + data["skipped"])


def test_report_progress_and_validate_json_say_what_they_did(outputs, tmp_path):
    _, report = outputs["report"]
    assert report["kind"] == "report" and report["format"] == "html"
    assert Path(report["file"]).is_absolute() and Path(report["file"]).exists()
    args, progress = outputs["progress"]
    assert (progress["step"], progress["status"], progress["date"]) == (
        "pandas-numpy-for-ml",
        "done",
        DAY,
    )
    assert "pandas-numpy-for-ml: {status: done, date: 2026-11-22}" in Path(args[2]).read_text()
    _, check = outputs["validation"]
    assert (check["skills"], check["roles"]) == (92, 9) and check["warnings"] == []


def leaf_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        path = (*prefix, name)
        if isinstance(command, click.Group):
            if command.invoke_without_command:
                yield path, command
            yield from leaf_commands(command, path)
        else:
            yield path, command


# Commands that print no JSON of their own: a schema, and YAML answers files ("answers": the
# blank template, and the draft `prefill` makes from a CV).
NO_JSON = {("schema",), ("questionnaire", "template"), ("prefill",)}


def test_every_command_has_json_and_its_help_names_the_schema(outputs):
    covered = {args[: 2 if args[0] in ("roles", "skills", "roadmaps") and args[1] == "show" else 1]
               for args, _ in outputs.values()}  # fmt: skip
    for path, command in leaf_commands(cli):
        if path in NO_JSON:
            continue
        option = next((p for p in command.params if "--json" in getattr(p, "opts", ())), None)
        assert option is not None, f"`careerpath {' '.join(path)}` has no --json"
        assert path in covered, f"`careerpath {' '.join(path)} --json` is not tested"
        names = re.findall(r"`careerpath schema ([\w-]+)`", option.help or "")
        assert names and set(names) <= set(NAMES), (path, option.help)
        # The schema the help names is one the command's output is tested against.
        assert any(outputs[n][0][: len(path)] == path for n in names), (path, names)


def test_the_schema_command_lists_every_name_and_which_command_prints_it():
    assert set(NAMES) == set(FORMATS) | set(TRANSLATIONS) | set(OUTPUTS)
    text = " ".join(CliRunner().invoke(cli, ["schema", "--help"]).stdout.split())
    for name in NAMES:
        assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text), name
    for name in OUTPUTS:
        assert CliRunner().invoke(cli, ["schema", name]).exit_code == 0


def undescribed(node: Any, where: str) -> list[str]:
    """Every property under ``node`` (its ``$defs`` too, and objects nested inline) whose
    schema gives no description, as a path into the document."""
    if isinstance(node, list):
        return [p for i, item in enumerate(node) for p in undescribed(item, f"{where}[{i}]")]
    if not isinstance(node, dict):
        return []
    found = []
    if isinstance(node.get("properties"), dict):
        for key, prop in node["properties"].items():
            text = prop.get("description")
            if not (isinstance(text, str) and text.strip()):
                found.append(f"{where}.properties.{key}")
    for key, value in node.items():
        found += undescribed(value, f"{where}.{key}")
    return found


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_every_field_of_every_output_schema_has_a_description(name):
    # Scripts and HR tools read these outputs: the schema is where a field's unit, range,
    # order and meaning of null are told.
    schema = json_schema(name)
    missing = undescribed(schema, name)
    assert not missing, f"`careerpath schema {name}`: {missing[0]} has no description"


def test_the_description_check_finds_a_property_without_one():
    schema = {
        "properties": {"a": {"type": "string", "description": "said"}},
        "$defs": {"B": {"properties": {"c": {"type": "integer"}, "d": {"description": " "}}}},
    }
    assert undescribed(schema, "x") == ["x.$defs.B.properties.c", "x.$defs.B.properties.d"]
    assert undescribed(json_schema("progress"), "progress") == []


ANSWERS_FILES = sorted((EXAMPLES / "answers").glob("*.yaml")) + sorted(COHORT.glob("*.yaml"))


@pytest.mark.parametrize("path", ANSWERS_FILES, ids=lambda p: p.name)
def test_each_bundled_answers_file_conforms_to_the_printed_answers_schema(path):
    # Both forms a file may use: `python: 3` and `python: {level: 3, evidence: ...}`. Dates
    # as an editor reads YAML against a JSON Schema: as text.
    printed = json.loads(CliRunner().invoke(cli, ["schema", "answers"]).stdout)
    data = json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str))
    assert errors(data, printed, printed) == []


def test_each_line_of_the_bundled_json_lines_conforms_to_the_answers_schema():
    printed = json.loads(CliRunner().invoke(cli, ["schema", "answers"]).stdout)
    lines = (EXAMPLES / "people.jsonl").read_text("utf-8").splitlines()
    assert lines and all(errors(json.loads(line), printed, printed) == [] for line in lines)
