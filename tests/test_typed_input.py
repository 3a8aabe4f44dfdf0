"""Hours and dates as people type them (the pt-BR walkthrough): a decimal comma is a number of
hours wherever hours are typed (prompt, option, a string in a file); a refused date always
names YYYY-MM-DD, and a day/month date is turned into ISO only when it reads one way only."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from careerpath import i18n, typed_input
from careerpath.cli import cli
from careerpath.models import Person

DE = str(EXAMPLES / "answers" / "data-engineer-to-ml.yaml")


@pytest.mark.parametrize(
    ("text", "hours"), [("5,5", 5.5), ("5.5", 5.5), (" 6 ", 6.0), ("10,", 10.0), (",5", 0.5)]
)
def test_a_decimal_comma_or_point_is_a_number(text, hours):
    assert typed_input.decimal(text) == hours


# Digits other than ASCII ("٥", "５") are refused, as they are in dates.
@pytest.mark.parametrize(
    "text", ["", "5,5,5", "1.000,5", "nan", "inf", "1e309", "x", "-3", "٥", "５"]
)
def test_anything_else_is_not(text):
    assert typed_input.decimal(text) is None


def test_hours_say_what_to_type():
    assert typed_input.parse_hours("5,5") == 5.5
    with pytest.raises(ValueError, match=r"^enter a number of hours, e\.g\. 6 or 5\.5$"):
        typed_input.parse_hours("5 h")
    with pytest.raises(ValueError, match="between 1 and 80"):
        typed_input.parse_hours("0,5")


EITHER_WAY = "day and month could be either way round: write the date as YYYY-MM-DD"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # Both readings, day first: the user picks one, the tool never does.
        ("01/02/2027", f"{EITHER_WAY}, 2027-02-01 or 2027-01-02"),
        ("1/2/2027", f"{EITHER_WAY}, 2027-02-01 or 2027-01-02"),
        ("12.11.2027", f"{EITHER_WAY}, 2027-11-12 or 2027-12-11"),
        ("13/02/2027", "write the date as YYYY-MM-DD: 2027-02-13"),
        ("02/13/2027", "write the date as YYYY-MM-DD: 2027-02-13"),
        ("13.02.2027", "write the date as YYYY-MM-DD: 2027-02-13"),
        ("03/03/2027", "write the date as YYYY-MM-DD: 2027-03-03"),  # same both ways
        ("2027-02-30", "no such day: write a real date as YYYY-MM-DD"),
        ("31/02/2027", None),
        ("tomorrow", None),
        # Not ASCII digits: not a date we read, and not "no such day" (it once said so).
        ("２０２７-０１-０１", None),
        ("٢٠٢٧-٠١-٠١", None),
    ],
)
def test_a_refused_date_names_the_format_and_never_guesses(text, problem):
    assert typed_input.date_problem(text) == problem
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        typed_input.parse_date(text)


def test_an_iso_date_is_read():
    assert typed_input.parse_date(" 2027-02-01 ") == dt.date(2027, 2, 1)


def test_the_options_take_a_decimal_comma_and_explain_dates_in_portuguese(tmp_path):
    runner = CliRunner()
    env = {"CAREERPATH_LANG": "pt-BR"}
    base = ["plan", "--answers", DE, "--json"]
    result = runner.invoke(cli, [*base, "--hours-per-week", "5,5"], env=env)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["hours_per_week"] == 5.5
    result = runner.invoke(cli, [*base, "--hours-per-week", "5 h"], env=env)
    assert result.exit_code == 2
    assert "(float)" not in result.stderr and "float" not in result.stderr
    assert "'5 h': digite um número de horas, por exemplo 6 ou 5,5" in result.stderr
    result = runner.invoke(cli, [*base, "--start", "01/02/2027"], env=env)
    assert result.exit_code == 2
    assert "'01/02/2027': " in result.stderr and "AAAA-MM-DD" in result.stderr
    assert "AAAA-MM-DD, 2027-02-01 ou 2027-01-02" in " ".join(result.stderr.split())
    result = runner.invoke(cli, [*base, "--start", "13/02/2027"], env=env)
    assert result.exit_code == 2
    assert "AAAA-MM-DD: 2027-02-13" in result.stderr
    result = runner.invoke(cli, [*base, "--start", "tomorrow"], env=env)
    assert "'tomorrow' não é uma data no formato AAAA-MM-DD" in result.stderr


def test_hours_in_a_file_take_a_decimal_comma_as_a_string():
    # YAML reads `hours_per_week: 4,5` as the string "4,5".
    assert Person.model_validate({"hours_per_week": "4,5"}).hours_per_week == 4.5
    assert Person.model_validate({"hours_per_week": 4.5}).hours_per_week == 4.5
    with pytest.raises(ValueError, match=r"expected a number of hours, e\.g\. 6 or 5\.5"):
        Person.model_validate({"hours_per_week": "4 h"})
    with pytest.raises(ValueError, match="less than or equal to 80"):
        Person.model_validate({"hours_per_week": "90,5"})


def test_a_day_month_date_in_a_file_says_its_iso_form():
    with pytest.raises(ValueError, match=r"write the date as YYYY-MM-DD: 2027-02-13"):
        Person.model_validate({"start_date": "13/02/2027"})


def test_the_prompts_messages_in_portuguese():
    i18n.use("pt-BR")
    try:
        with pytest.raises(ValueError, match="por exemplo 6 ou 5,5"):
            typed_input.parse_hours("x")
        assert "AAAA-MM-DD" in (typed_input.date_problem("01/02/2027") or "")
    finally:
        i18n.use("en")


def test_hours_as_text_with_a_point_stay_refused_in_a_file():
    # Numbers written as text are refused in files ('1.10' may be a version); only the
    # decimal comma, which YAML cannot read as a number, is taken from a string.
    with pytest.raises(ValueError, match=r"expected a number of hours"):
        Person.model_validate({"hours_per_week": "4.5"})
