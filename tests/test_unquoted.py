"""A role or skill name of several words given without quotes: said how to write it."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES

from careerpath.cli import cli
from careerpath.unquoted import name_hint, spread

ANSWERS = str(EXAMPLES / "answers" / "backend-engineer.yaml")


@pytest.mark.parametrize(
    ("words", "flags", "value", "lost"),
    [
        (["assess", "--target", "Domain", "Expert"], ["-t", "--target"], "Domain", ["Expert"]),
        (
            ["plan", "-t", "ML", "Project", "Manager", "--json"],
            ["-t", "--target"],
            "ML",
            ["Project", "Manager"],
        ),
        (["plan", "--target=ML", "Engineer"], ["-t", "--target"], "ML", ["Engineer"]),
        (["roles", "show", "Domain", "Expert"], [], "Domain", ["Expert"]),
        # The value's own word elsewhere (a file named ML) is not the option's.
        (["assess", "ML", "--target", "ML", "Engineer"], ["--target"], "ML", ["Engineer"]),
        (["assess", "--target", "ml-engineer", "--json"], ["--target"], "ml-engineer", []),
    ],
)
def test_spread_finds_the_words_a_name_lost(words, flags, value, lost):
    assert spread(words, flags, value) == lost


def test_name_hint_gives_the_quoted_name_and_the_id(catalog):
    assert name_hint(catalog, "role", "--target", "Domain Expert") == (
        'a role name with spaces needs quotes: --target "Domain Expert", '
        "or give its id: --target domain-expert"
    )
    assert name_hint(catalog, "role", None, "ml engineer").endswith("give its id: ml-engineer")
    assert name_hint(catalog, "skill", None, "model serving").endswith(
        "give its id: " + catalog.resolve_skill("model serving")
    )
    # No such role, or no catalogue: the quotes only.
    assert name_hint(catalog, "role", "--target", "Foo Bar") == (
        'a name with spaces needs quotes: --target "Foo Bar"'
    )
    assert name_hint(None, "role", "--from", "Domain Expert") == (
        'a name with spaces needs quotes: --from "Domain Expert"'
    )


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (
            ["assess", "--answers", ANSWERS, "--target", "Domain", "Expert"],
            '--target "Domain Expert", or give its id: --target domain-expert',
        ),
        (
            ["plan", "--answers", ANSWERS, "--from", "Data", "Engineer"],
            '--from "Data Engineer", or give its id: --from data-engineer',
        ),
        (["roles", "show", "ML", "Engineer"], '"ML Engineer", or give its id: ml-engineer'),
    ],
)
def test_the_cli_says_how_to_write_a_name_with_spaces(runner, args, hint):
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert "unexpected extra argument" in result.output
    assert hint in result.output
    assert "Traceback" not in result.output


def test_an_extra_argument_that_is_no_name_gets_no_hint(runner):
    result = runner.invoke(cli, ["assess", "--answers", ANSWERS, "stray"])
    assert result.exit_code == 2
    assert "unexpected extra argument (stray)" in result.output
    assert "quotes" not in result.output
