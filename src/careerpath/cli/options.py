"""What the commands share: options declared once, the catalogue and answers as the commands
load them, and the one way text reaches the terminal (escaped, wrapped, JSON).

Only click and light modules are imported here: every command's ``--help`` imports this module.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from careerpath.cli.language import composed

# The path types live in paths (the root's --help needs them alone); the commands say o.FILE.
from careerpath.cli.paths import FILE as FILE
from careerpath.cli.paths import PATH as PATH
from careerpath.cli.paths import PathParam as PathParam
from careerpath.errors import UsageError, printable
from careerpath.i18n import N_, _, ngettext

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from careerpath.catalog import Catalog
    from careerpath.models.outputs import Plan
    from careerpath.profile import Profile

# What click's option decorators take and give back: a command function, or a command.
F = TypeVar("F", bound=Callable[..., Any] | click.Command)


# What click.Choice offers for the library's Literal types (render.document.Format,
# batch.Executor): command parameters are declared with those types, so the value click
# checked reaches the library typed. tests/test_cli_options.py checks they agree.
FORMATS = ("html", "pdf")
EXECUTORS = ("process", "dask")


class FiniteFloatRange(click.FloatRange):
    """A float option in a range that refuses nan and inf: click's FloatRange lets nan
    through (every comparison with nan is false), and nan reaches the arithmetic."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = click.FLOAT.convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(_("{value!r} is not a finite number.").format(value=value), param, ctx)
        return super().convert(number, param, ctx)


def echo(text: str = "", *, err: bool = False, nl: bool = True, json: bool = False) -> None:
    """The one way text reaches the terminal: names, descriptions and file names come from
    files anyone can write, so every control, bidi and format character is shown escaped
    (in JSON as JSON escapes, so it parses the same). A new view cannot forget it."""
    click.echo(printable(text, lines=True, json=json), err=err, nl=nl)


def say(text: str, *, err: bool = False) -> None:
    """A message (a warning, a note, where a file went): wrapped at word boundaries when
    the stream is a terminal; to a file or a pipe, as it is (one line, for grep and logs)."""
    from careerpath.terminal import paragraphs

    echo(paragraphs(text, sys.stderr if err else sys.stdout), err=err)


def fail(message: str, code: int = 1) -> NoReturn:
    # Split on newlines only (splitlines would also split on controls a file can hold).
    lines = [printable(line) for line in message.rstrip("\n").split("\n")] if message else []
    lines = lines or [_("error")]
    if len(lines) == 1:
        text = _("error: {message}").format(message=lines[0])
    else:
        n = len(lines)
        heading = ngettext("error: {n} problem:", "error: {n} problems:", n).format(n=n)
        text = heading + "\n  " + "\n  ".join(lines)
    say(text, err=True)  # off a terminal: one line a problem
    sys.exit(code)


def refuse(*rules: tuple[object, str]) -> None:
    """Options that do not go together, refused before any work: the first rule
    ``(wrong, why)`` that holds is a usage error (exit status 2) saying ``why``."""
    for wrong, why in rules:
        if wrong:
            raise UsageError(why)


def echo_json(data: Any) -> None:
    """``data``, a model or plain data, as the tool's JSON (``json_text.dumps``)."""
    from careerpath.json_text import dumps

    echo(dumps(data), json=True)


def warn(message: object) -> None:
    say(_("warning: {message}").format(message=message), err=True)


def echo_json_listing(model: Any, field: str) -> None:
    """``echo_json(model)``, the list ``field`` written one item at a time."""
    from careerpath.json_text import chunks

    for chunk in chunks(model, field):
        echo(chunk, json=True, nl=False)
    echo()


def stacked(*options: Callable[[Any], Any]) -> Callable[[F], F]:
    """``options`` (click decorators) as one, as if written one above the other in this
    order: the order --help lists them in."""

    def apply(f: F) -> F:
        for option in reversed(options):
            f = option(f)
        return f

    return apply


EXAMPLES = N_("Examples:")
# Help fits a 60-column terminal: click indents the epilog 2 and examples() 2 more, and does
# not rewrap a \b block, so an example is at most 56 characters.
EXAMPLE_WIDTH = 56


def examples(*commands: str) -> str:
    """A command's epilog (click's ``epilog=``): the heading "Examples:", translated, then
    ``commands``, whole command lines kept as written (never translated), one a line and
    indented 2; click's ``\\b`` marker keeps it from rewrapping them."""
    lines = "\n".join(f"  {command}" for command in commands)
    return composed("\b\n{heading}\n{commands}", {"commands": lines}, heading=EXAMPLES)


def json_option(
    schema: str, what: str = N_("Print JSON"), *, sentence: str | None = None
) -> Callable[[F], F]:
    """--json, naming the schema that describes what it prints (`careerpath schema NAME`);
    ``what`` is marked N_ by the caller. A command whose JSON has other schemas with some
    options gives the whole ``sentence`` (marked N_, with ``{schema}`` for the main one)."""
    if sentence is None:
        help = composed(N_("{what} (`careerpath schema {schema}`)."), {"schema": schema}, what=what)
    else:
        help = composed(sentence, {"schema": schema})
    return click.option("--json", "as_json", is_flag=True, help=help)


def catalog_for(ctx: click.Context) -> Catalog:
    """The catalogue --data-dir, $CAREERPATH_DATA or the installation gives; its warnings
    (who else can change it) said on stderr."""
    from careerpath.catalog import chosen_catalog

    catalog, warnings = chosen_catalog(ctx.find_root().params.get("data_dir"))
    for warning in warnings:
        warn(warning)
    return catalog


STRICT = "careerpath.strict"


def _remember_strict(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[STRICT] = True  # meta is shared with sub-invocations


def is_strict(ctx: click.Context | None = None) -> bool:
    """Whether --strict was given to this command (or to the one that invoked it)."""
    return bool((ctx or click.get_current_context()).meta.get(STRICT))


strict_option = click.option(
    "--strict",
    is_flag=True,
    expose_value=False,
    callback=_remember_strict,
    help="Refuse an answers file that names a skill the catalogue does not know, one skill "
    "twice, or a current role it does not know [default: ignore unknown skill names, count a "
    "skill named twice at its higher level, take an unknown current role as 'other', and warn "
    "about each].",
)


posting_option = click.option(
    "--posting",
    "posting_file",
    type=PathParam(dir_okay=True),
    metavar="JOB",
    help="Also match against this job posting (.txt, .md, .pdf, .docx, .html): the skills it "
    "asks for, your fit and readiness, the gaps and a plan toward it "
    "(`careerpath posting --help`).",
)


def executor_options(work: str) -> Callable[[F], F]:
    """``--executor`` and ``--scheduler``: where the per-file ``work`` (marked N_, with its
    article in the translations) runs."""
    executor = click.option(
        "--executor",
        type=click.Choice(EXECUTORS),
        default="process",
        show_default=True,
        help=composed(
            N_(
                "Where the {work} runs: processes on this machine, or a Dask cluster (needs "
                "`pip install 'careerpath[dask]'`; its workers need careerpath and the same files "
                "at the same absolute paths, e.g. a shared filesystem)."
            ),
            work=work,
        ),
    )
    scheduler = click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="With --executor dask: the scheduler, e.g. tcp://HOST:8786 [default: start a "
        "Dask LocalCluster on this machine].",
    )
    return stacked(executor, scheduler)


def check_executor(executor: str, scheduler: str | None) -> None:
    if scheduler and executor != "dask":
        raise UsageError(_("--scheduler goes with --executor dask"))
    if executor == "dask":
        from careerpath import cluster  # noqa: F401 - without the extra: how to install it, now


def read_answers(
    ctx: click.Context, path: Path, catalog: Catalog, *, from_role: str | None = None
) -> Profile:
    """An answers file's profile, its warnings on stderr (standard output stays the
    command's: its JSON, its table, a pipe's input); with --strict the names they are about
    are refused instead. A file with no skill answered is refused: it assesses nobody.
    ``from_role``: the role a plan starts from instead of the file's current role
    (``Profile.starting_from``)."""
    from careerpath.answers import load_answers
    from careerpath.profile import require_answers, warnings

    profile = require_answers(load_answers(path, catalog, strict=is_strict(ctx)))
    profile = profile.starting_from(from_role)
    for warning in warnings(profile):
        warn(warning)
    return profile


def remind_ignored(profile: Profile, catalog: Catalog) -> None:
    """After a long text result, the file's unread skill names again, on stderr
    (``profile.ignored_reminder``): their warnings have scrolled away by then."""
    from careerpath.profile import ignored_reminder

    if reminder := ignored_reminder(profile, catalog):
        warn(reminder)


def warn_past_start(start: dt.date | None, built: Plan | None, day: dt.date | None) -> None:
    """A --start (``start``) before the plan's date (``day``; None: today) is allowed (a plan
    laid out from an earlier date), but said on stderr by every command that makes a plan
    from it: its first dates are past (a report's page 1 says so too). A start date from the
    answers file has the plan's own note instead."""
    from careerpath.i18n import format_date
    from careerpath.planner import made_on, starts_in_past

    if start is None or built is None or not starts_in_past(built.start_date, day):
        return
    message = _("--start {start} is before {today}: the plan's first dates are already past")
    warn(message.format(start=format_date(built.start_date), today=format_date(made_on(day))))


# Not ParamType[float]: click before 8.2 (pyproject allows 8.1) has no generic ParamType.
class HoursParam(click.ParamType):  # type: ignore[type-arg]
    """A number of hours a week (1 to 80), its decimal mark a point or a comma ("5,5"): what
    people type. Refused values say what to type, not click's type name ("float")."""

    name = "hours"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return _("HOURS")

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from careerpath import typed_input

        if isinstance(value, float):
            return value
        try:
            return typed_input.parse_hours(str(value))
        except ValueError as e:
            self.fail(_("{value!r}: {problem}").format(value=value, problem=e), param, ctx)


def date_option(*decls: str, help: str) -> Callable[[F], F]:
    """A YYYY-MM-DD option (``decls`` as click.option takes them), given as a date."""
    return click.option(*decls, callback=parse_date, metavar="YYYY-MM-DD", help=help)


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A YYYY-MM-DD option's value as a date (a click callback)."""
    from careerpath import typed_input

    if value is None:
        return None
    try:
        return typed_input.parse_date(value)
    except ValueError:
        problem = typed_input.date_problem(value)
        if problem is None:
            wrong = _("{value!r} is not a date written YYYY-MM-DD").format(value=value)
        else:
            wrong = _("{value!r}: {problem}").format(value=value, problem=problem)
        raise click.BadParameter(wrong) from None
