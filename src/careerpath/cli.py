"""The command line: parse options, call library functions, format their results.

Only click and light modules are imported at the top: ``careerpath --help`` must start fast,
so numpy, scikit-learn, jinja2 and WeasyPrint load inside the commands that need them.
"""

from __future__ import annotations

import json
import math
import os
import shlex
import sys
import traceback
from pathlib import Path
from typing import Any, NoReturn

import click

from careerpath import __version__
from careerpath.errors import CareerPathError, OutputError, printable
from careerpath.models.registry import NAMES as SCHEMA_NAMES
from careerpath.signals import EXIT_TERMINATED, Terminated, raise_on_sigterm

# Help fits 80 columns (and narrows with a narrower terminal): click's default is wider.
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 80}


class FiniteFloatRange(click.FloatRange):
    """A float option in a range that refuses nan and inf: click's FloatRange lets nan
    through (every comparison with nan is false), and nan reaches the arithmetic."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = click.FLOAT.convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return super().convert(number, param, ctx)


class _Group(click.Group):
    """Maps the tool's errors to a message on stderr and an exit status, in one place."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # the order they are declared: the order a user needs them

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.ClickException as exc:
            raise _lowercase(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:  # bad options, and click.UsageError of commands
            raise _lowercase(exc) from None
        except CareerPathError as exc:
            if ctx.find_root().params.get("debug"):
                traceback.print_exc()
            _fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            _echo("\ninterrupted", err=True)
            sys.exit(130)
        except Terminated:  # SIGTERM, unwound like Ctrl-C: temporary files are gone
            _echo("\nterminated", err=True)
            sys.exit(EXIT_TERMINATED)


def _lowercase(exc: click.ClickException) -> click.ClickException:
    """``exc`` shown as the tool's own errors are ("error: ...", through ``_echo``), not as
    click's "Error: ...": one spelling whichever layer refused the command."""

    def show(file: Any = None) -> None:
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:  # a usage error: the usage line and where help is, as click does
            help_names = ctx.command.get_help_option_names(ctx)
            hint = f"Try '{ctx.command_path} {max(help_names, key=len)}' for help.\n"
            _echo(f"{ctx.get_usage()}\n{hint if help_names else ''}", err=True)
        _say(f"error: {exc.format_message()}", err=True)

    exc.show = show  # type: ignore[method-assign]
    return exc


def _say(text: str, *, err: bool = False) -> None:
    """A message (a warning, a note, where a file went): wrapped at word boundaries when
    the stream is a terminal; to a file or a pipe, as it is (one line, for grep and logs)."""
    from careerpath.terminal import paragraphs

    _echo(paragraphs(text, sys.stderr if err else sys.stdout), err=err)


def _fail(message: str, code: int = 1) -> NoReturn:
    # Split on newlines only (splitlines would also split on controls a file can hold).
    lines = [printable(line) for line in message.rstrip("\n").split("\n")] if message else []
    lines = lines or ["error"]
    prefix = "error: " if len(lines) == 1 else f"error: {len(lines)} problems:\n  "
    _say(prefix + "\n  ".join(lines), err=True)  # off a terminal: one line a problem
    sys.exit(code)


def _catalog(ctx: click.Context):
    from careerpath.catalog import load_catalog
    from careerpath.settings import Settings

    chosen = ctx.find_root().params.get("data_dir")
    catalog = load_catalog(chosen)
    if chosen or Settings.read().data_dir:  # the bundled one is the installer's business
        _warn_if_exposed(catalog.root)
    return catalog


STRICT = "careerpath.strict"


def _remember_strict(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[STRICT] = True  # meta is shared with sub-invocations


def _strict(ctx: click.Context | None = None) -> bool:
    """Whether --strict was given to this command (or to the one that invoked it)."""
    return bool((ctx or click.get_current_context()).meta.get(STRICT))


strict_option = click.option(
    "--strict",
    is_flag=True,
    expose_value=False,
    callback=_remember_strict,
    help="Refuse an answers file that names a skill the catalogue does not know, or one skill "
    "twice [default: ignore unknown names, count a skill named twice at its higher level, "
    "and warn about each].",
)


posting_option = click.option(
    "--posting",
    "posting_file",
    type=click.Path(dir_okay=True, path_type=Path),
    metavar="JOB",
    help="Also match against this job posting (.txt, .md, .pdf, .docx, .html): the skills it "
    "asks for, your fit and readiness, the gaps and a plan toward it "
    "(`careerpath posting --help`).",
)


def executor_options(work: str):
    """``--executor`` and ``--scheduler``: where the per-file ``work`` runs."""
    executor = click.option(
        "--executor",
        type=click.Choice(("process", "dask")),
        default="process",
        show_default=True,
        help=f"Where the {work} runs: processes on this machine, or a Dask cluster (needs "
        "`pip install 'careerpath[dask]'`; its workers need careerpath and the same files at "
        "the same absolute paths, e.g. a shared filesystem).",
    )
    scheduler = click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="With --executor dask: the scheduler, e.g. tcp://HOST:8786 [default: start a "
        "Dask LocalCluster on this machine].",
    )
    return lambda f: executor(scheduler(f))


def _check_executor(executor: str, scheduler: str | None) -> None:
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler goes with --executor dask")
    if executor == "dask":
        from careerpath import cluster  # noqa: F401 - without the extra: how to install it, now


def _load_answers(ctx: click.Context, path: Path, catalog, *, warn: bool = True):
    """Load an answers file; names the catalogue does not know are warned about on stderr
    (``assess`` shows them among its own warnings instead) or, with --strict, refused."""
    from careerpath.answers import load_answers
    from careerpath.profile import notice

    profile = load_answers(path, catalog, strict=_strict(ctx))
    if warn:
        for problem in profile.notices:
            _say(f"warning: {notice(problem)}", err=True)
    if profile.suggested:  # a draft from `careerpath prefill`: scored as given, said once
        count = len(profile.suggested)
        what = "levels is a suggestion" if count == 1 else "levels are suggestions"
        _say(
            f"warning: {path}: {count} of its {what} from a CV not confirmed yet; confirm or "
            f"change them with `careerpath assess --resume {shlex.quote(str(path))}`",
            err=True,
        )
    return profile


_WARNED: set[Path] = set()


def _warn_if_exposed(root: Path) -> None:
    """Warn (once a process) when a catalogue the user chose can be changed by other users:
    anyone on the machine could then alter the roles, levels and links everyone is shown."""
    from careerpath.catalog import writable_by_others

    if root in _WARNED:
        return
    _WARNED.add(root)
    exposed = writable_by_others(root)
    for path in exposed[:5]:
        _say(
            f"warning: {path}: other users can write to it, so anyone could change the "
            f"catalogue careerpath reads; fix it with `chmod o-w {path}`",
            err=True,
        )
    if len(exposed) > 5:
        _say(
            f"warning: and {len(exposed) - 5} more; fix them all with `chmod -R o-w {root}`",
            err=True,
        )


def _echo(text: str = "", *, err: bool = False, nl: bool = True, json: bool = False) -> None:
    """The one way text reaches the terminal: names, descriptions and file names come from
    files anyone can write, so every control, bidi and format character is shown escaped
    (in JSON as JSON escapes, so it parses the same). A new view cannot forget it."""
    click.echo(printable(text, lines=True, json=json), err=err, nl=nl)


def _echo_json(data: Any) -> None:
    # json.dumps, also for models (model_dump, then here): pydantic refuses to serialise the
    # lone surrogate an undecodable file name becomes; here it is written as JSON's \udcff.
    _echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False), json=True)


def _dump(model: Any) -> Any:
    return model.model_dump(mode="json")


def _echo_json_listing(model: Any, field: str) -> None:
    """``_echo_json(_dump(model))``, the same text, with the list ``field`` (a cohort's
    members: 100,000 of them) dumped one item at a time instead of all at once, so that the
    output never needs the whole document in memory twice over."""
    items = getattr(model, field)
    if not items:
        _echo_json(_dump(model))
        return
    marker = "\0careerpath-items\0"  # a string no field can hold: names are printable text
    data = {k: marker if k == field else v for k, v in _dump_without(model, field).items()}
    head, tail = json.dumps(data, indent=2, ensure_ascii=False).split(json.dumps(marker), 1)
    _echo(head + "[", json=True, nl=False)
    for i, item in enumerate(items):
        # One item at two levels of nesting: json.dumps indents structurally, so its lines
        # shifted by four spaces are what dumping the whole document writes.
        text = json.dumps(_dump(item), indent=2, ensure_ascii=False).replace("\n", "\n    ")
        _echo(("," if i else "") + "\n    " + text, json=True, nl=False)
    _echo("\n  ]" + tail, json=True)


def _dump_without(model: Any, field: str) -> dict[str, Any]:
    # Keys in the model's order, the listed field kept in its place (its value replaced).
    dumped = model.model_dump(mode="json", exclude={field})
    return {k: dumped.get(k) for k in type(model).model_fields}


def json_option(schema: str, what: str = "Print JSON"):
    """--json, naming the schema that describes what it prints (`careerpath schema NAME`)."""
    return click.option(
        "--json", "as_json", is_flag=True, help=f"{what} (`careerpath schema {schema}`)."
    )


def _entries(as_json: bool, entries: Any, view: str, *args: Any) -> None:
    """Catalogue entries as JSON, or through the named plain-text view of ``terminal``."""
    if as_json:
        _echo_json([_dump(e) for e in entries] if isinstance(entries, list) else _dump(entries))
        return
    from careerpath import terminal

    _echo(getattr(terminal, view)(*args))


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="careerpath")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    # No envvar= here: catalog.data_dir() reads CAREERPATH_DATA itself, so that an error
    # names the setting the folder really came from.
    help="Use the catalogue (skills, roles, roadmaps) in DIR instead of the bundled one "
    "[env: CAREERPATH_DATA].",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read the catalogue afresh instead of the copy kept in the user's cache folder "
    "[env: CAREERPATH_NO_CACHE=1].",
)
# The "Start here" lines stay under 58 columns: click does not rewrap a \b block, and help
# must fit a 60-column terminal.
def cli(data_dir: Path | None, debug: bool, no_cache: bool) -> None:
    """Find the data/AI role you are closest to, what you lack for the one you want,
    and a learning plan to get there.

    \b
    Start here:
      careerpath assess
          the questionnaire: 92 questions, 45-80 min
      careerpath assess --adaptive
          about 51 of them, 25-45 min, same ranking
      careerpath assess --answers FILE
          score a filled answers file
      careerpath prefill CV -o draft.yaml
          levels suggested from your CV, to confirm
          with `careerpath assess --resume draft.yaml`
      careerpath plan --answers FILE --target ml-engineer
      careerpath report --answers FILE -o report.html
    """
    if no_cache:
        from careerpath.settings import NO_CACHE_ENV

        # Through the environment, so that batch workers (child processes) skip it too.
        os.environ[NO_CACHE_ENV] = "1"


# --- catalogue ----------------------------------------------------------------------------


@cli.command()
@click.option(
    "--data-dir",
    "local_data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Check the catalogue in DIR (same as `careerpath --data-dir DIR validate`).",
)
@json_option("validation", "Print the counts and warnings as JSON")
@click.pass_context
def validate(ctx: click.Context, local_data_dir: Path | None, as_json: bool) -> None:
    """Check the whole catalogue (skills, roles, roadmaps); list every problem."""
    if local_data_dir is not None:
        from careerpath.catalog import load_catalog

        catalog = load_catalog(local_data_dir)
        _warn_if_exposed(catalog.root)
    else:
        catalog = _catalog(ctx)
    if as_json:  # the warnings are in it
        from careerpath.catalog import check_summary

        _echo_json(_dump(check_summary(catalog)))
        return
    for warning in catalog.warnings:
        _say(f"warning: {warning}", err=True)
    _say(
        f"ok: {catalog.info.name} {catalog.version}: {len(catalog.skills)} skills in "
        f"{len(catalog.categories)} categories, {len(catalog.roles)} roles, "
        f"{len(catalog.roadmaps)} roadmaps"
        # Only when there are some: the line then fits 96 columns (files and pipes).
        + (f" ({len(catalog.warnings)} warnings above)" if catalog.warnings else "")
    )


@cli.group(invoke_without_command=True)
@json_option("roles")
@click.pass_context
def roles(ctx: click.Context, as_json: bool) -> None:
    """List the roles; `roles show ID` for one role's skill profile."""
    if ctx.invoked_subcommand:
        return
    catalog = _catalog(ctx)
    _entries(as_json, list(catalog.roles.values()), "roles_table", catalog)


@roles.command("show")
@click.argument("role")
@json_option("role")
@click.pass_context
def roles_show(ctx: click.Context, role: str, as_json: bool) -> None:
    """Show ROLE (id, name or alias): summary, responsibilities and skill profile."""
    catalog = _catalog(ctx)
    found = catalog.role(role)
    _entries(as_json, found, "role_detail", catalog, found)


@cli.group(invoke_without_command=True)
@click.option("--category", help="Only this category (id or name).")
@json_option("skills")
@click.pass_context
def skills(ctx: click.Context, category: str | None, as_json: bool) -> None:
    """List the skills by category; `skills show ID` for its level descriptors."""
    if ctx.invoked_subcommand:
        return
    catalog = _catalog(ctx)
    from careerpath import terminal

    chosen = terminal.pick_category(catalog, category) if category else None
    listed = [s for s in catalog.skills.values() if chosen is None or s.category == chosen]
    _entries(as_json, listed, "skills_table", catalog, listed)


@skills.command("show")
@click.argument("skill")
@json_option("catalog-skill")
@click.pass_context
def skills_show(ctx: click.Context, skill: str, as_json: bool) -> None:
    """Show SKILL (id, name or alias) with its five level descriptors."""
    catalog = _catalog(ctx)
    found = catalog.skill(skill)
    _entries(as_json, found, "skill_detail", catalog, found)


# --- self-assessment ----------------------------------------------------------------------


@cli.group()
def questionnaire() -> None:
    """The questionnaire as a file: what a mentor sends a mentee."""


def _file_or_stdout(what: str):
    """-o/--output FILE (standard output without it) and --force, for a YAML file made."""
    output = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"Write {what} to FILE [default: print it to standard output].",
    )
    force = click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
    return lambda f: output(force(f))


@questionnaire.command("template")
@_file_or_stdout("the template")
@click.pass_context
def questionnaire_template(ctx: click.Context, output: Path | None, force: bool) -> None:
    """Write a blank, commented answers file: every skill with its level descriptors."""
    from careerpath.output import write_atomic
    from careerpath.questionnaire import template

    text = template(_catalog(ctx))
    if output is None:
        _echo(text, nl=False)
        return
    write_atomic(output, text, force=force)
    _say(f"wrote {output}: fill it in, then run `careerpath assess --answers {output}`", err=True)


@cli.command()
@click.argument("cv", type=click.Path(dir_okay=False, path_type=Path))
@_file_or_stdout("the draft")
@click.pass_context
def prefill(ctx: click.Context, cv: Path, output: Path | None, force: bool) -> None:
    """Draft an answers file from a CV (PDF, DOCX, Markdown or text).

    Finds the catalogue's skills in the CV, by name or by sentences that read like the
    skill's descriptions, and suggests a level for each from what the sentence says
    (the level description it is closest to, years stated, "led" or "familiar with").
    Each suggestion quotes its CV sentence with page or line and is marked
    `suggested: true`; every other skill is listed with no level (unknown, not 0).
    Then run `careerpath assess --resume FILE` to confirm or change each suggestion
    (Enter keeps it) and answer the rest (with --adaptive, only what still matters
    for your ranking). Nothing leaves this machine; only the quoted
    sentences of the CV are copied. Without -o the draft goes to standard output, so
    nothing is ever written over a file unless you name it (and give --force).
    """
    from careerpath import prefill as pf

    if output is not None:
        from careerpath.output import check_writable

        check_writable(output, force, inputs=[cv])  # before reading: fail fast
    draft = pf.prefill(cv, _catalog(ctx))
    if output is None:
        _echo(pf.draft_text(draft), nl=False)
        return
    written = pf.write_draft(draft, output, force=force, cv=cv)
    count = len(draft.findings)
    _say(
        f"wrote {written}: {count} suggested level{'s' if count != 1 else ''} from {cv}, "
        f"the other {len(draft.answers.skills) - count} skills unknown; confirm them with "
        f"`careerpath assess --resume {shlex.quote(str(written))}`",
        err=True,
    )


class _ClickAsker:
    """Prompts through click so that CliRunner can drive them in tests."""

    def __init__(self, err: bool) -> None:
        self.err = err

    def ask(self, prompt: str) -> str:
        try:
            # A long prompt comes wrapped to the terminal: its line breaks are kept.
            return click.prompt(
                printable(prompt, lines=True), default="", show_default=False, err=self.err
            )
        except click.Abort:
            raise EOFError from None

    def say(self, text: str = "") -> None:
        _echo(text, err=self.err)


def _stdin_is_terminal() -> bool:
    from careerpath.questionnaire import terminal_available

    return terminal_available()


@cli.command()
@click.option(
    "-a",
    "--answers",
    "answers_file",
    type=click.Path(dir_okay=True, path_type=Path),
    help="Score a filled answers file (YAML or JSON) instead of asking questions.",
)
@click.option(
    "--resume",
    type=click.Path(dir_okay=True, path_type=Path),
    help="Continue an interrupted questionnaire saved in FILE, or start from a draft made by "
    "`careerpath prefill`: its suggested levels are asked first, to confirm (Enter) or change.",
)
@click.option(
    "--save",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where the questionnaire saves answers [default: ./careerpath-answers-DATE.yaml].",
)
@click.option(
    "--force", is_flag=True, help="Start a new questionnaire over an existing --save file."
)
@click.option("-t", "--target", help="Also list every gap for this role (id, name or alias).")
@click.option("--top", type=click.IntRange(min=1), help="Show only the best N roles in the table.")
@click.option(
    "--adaptive",
    is_flag=True,
    help="Ask the most informative question next and stop once your top three roles are "
    "settled. With --answers: replay the file through the adaptive order and report the "
    "questions it would have asked.",
)
@click.option(
    "--max-questions", type=click.IntRange(min=1), help="With --adaptive: ask at most N questions."
)
@posting_option
@json_option(
    "assessment",
    "Print the whole result as JSON (with --adaptive --answers: `careerpath schema "
    "adaptive-replay`; with --posting: `careerpath schema posting`)",
)
@strict_option
@click.pass_context
def assess(
    ctx: click.Context,
    answers_file: Path | None,
    resume: Path | None,
    save: Path | None,
    force: bool,
    target: str | None,
    top: int | None,
    as_json: bool,
    adaptive: bool,
    max_questions: int | None,
    posting_file: Path | None,
) -> None:
    """Answer the questionnaire (or read --answers FILE) and rank every role.

    Without --answers, asks about each skill in the terminal (0 none ... 4 expert),
    saving after every answer; stop any time (q, Ctrl-C) and --resume later.
    The full questionnaire has 92 questions of about 135 words each: 45-80 minutes
    of reading and deciding. --adaptive usually asks about 51: 25-45 minutes.
    r reviews and changes any answer; b goes back without losing one.
    """

    catalog = _catalog(ctx)
    if answers_file and (resume or save):
        raise click.UsageError(
            "--answers reads a finished file; --resume/--save run the questionnaire"
        )
    if answers_file and adaptive and posting_file:
        raise click.UsageError("--posting goes with an assessment, not an --adaptive replay")
    if answers_file and adaptive:
        _replay(catalog, _load_answers(ctx, answers_file, catalog), max_questions, as_json)
        return
    if answers_file:
        profile = _load_answers(ctx, answers_file, catalog, warn=as_json)
    else:
        session, finished = _run_questionnaire(
            catalog, resume, save, force, as_json, adaptive=adaptive, max_questions=max_questions
        )
        if not finished:
            _so_far(session, target, top, as_json)
            sys.exit(1)
        from careerpath.answers import profile_from

        profile = profile_from(session.answers, catalog, str(session.path))
    from careerpath.scoring import assess as assess_profile

    result = assess_profile(profile, catalog, target or profile.person.target_role)
    matched = None
    if posting_file:
        from careerpath.posting import match_posting

        matched = match_posting(posting_file, catalog, profile)
    if as_json:
        _echo_json(_dump(matched[0] if matched else result))
        return
    from careerpath import terminal

    _echo(terminal.assessment_text(result, catalog, top))
    if matched:
        _echo()
        _echo(terminal.posting_text(*matched, full_plan=False))


def _replay(catalog, profile, max_questions: int | None, as_json: bool) -> None:
    from careerpath import adaptive

    run = adaptive.replay(catalog, dict(profile.levels), max_questions)
    if as_json:
        _echo_json(_dump(run))
        return
    _say(f"Adaptive replay of {printable(profile.source)}: {run.message}.")
    _say("Questions, in order: " + printable(", ".join(run.questions)))
    names = [catalog.roles[r].name for r in run.top]
    _say("Top three when it stopped: " + printable(", ".join(names)))


def _run_questionnaire(
    catalog,
    resume: Path | None,
    save: Path | None,
    force: bool,
    as_json: bool,
    *,
    adaptive: bool = False,
    max_questions: int | None = None,
):
    from careerpath import questionnaire as q

    if not _stdin_is_terminal():
        raise click.UsageError(
            "no terminal to ask questions on: pass --answers FILE "
            "(`careerpath questionnaire template -o FILE` writes one to fill in)"
        )
    if resume:
        session = q.Session.resume(catalog, resume, strict=_strict())
    else:
        path = save or q.default_save_path()
        if path.exists() and not force:
            raise OutputError(
                f"{path}: already exists; continue it with "
                f"`careerpath assess --resume {shlex.quote(str(path))}` "
                "(or start over with --force, which replaces it)"
            )
        session = q.Session.start(catalog, path, force=force)
    asker = _ClickAsker(err=as_json)
    return session, q.interview(session, asker, adaptive=adaptive, max_questions=max_questions)


def _so_far(session, target: str | None, top: int | None, as_json: bool) -> None:
    """After a stop: the ranking the saved answers already support, with its warnings."""
    from careerpath import questionnaire as q
    from careerpath import terminal

    result = q.so_far(session, target)
    if result is None:
        _echo("No skill has a level yet, so there is no ranking to show.", err=as_json)
        return
    if as_json:
        _echo_json(_dump(result))
        return
    _echo()
    _echo(
        q.wrap(
            "What your saved answers support so far (skills not answered yet count as "
            "unknown, not as 0; answer them to firm this up):"
        )
    )
    _echo(terminal.assessment_text(result, session.catalog, top))


# --- roadmaps and plans -------------------------------------------------------------------


@cli.group(invoke_without_command=True)
@json_option("roadmaps")
@click.pass_context
def roadmaps(ctx: click.Context, as_json: bool) -> None:
    """List the curated transition roadmaps; `roadmaps show ID` for one."""
    if ctx.invoked_subcommand:
        return
    catalog = _catalog(ctx)
    _entries(as_json, list(catalog.roadmaps.values()), "roadmaps_table", catalog)


@roadmaps.command("show")
@click.argument("roadmap_id")
@json_option("roadmap")
@click.pass_context
def roadmaps_show(ctx: click.Context, roadmap_id: str, as_json: bool) -> None:
    """Show one roadmap: phases, steps, hours and what each step teaches."""
    catalog = _catalog(ctx)
    found = catalog.roadmap(roadmap_id)
    _entries(as_json, found, "roadmap_detail", catalog, found)


def _date(ctx: click.Context, param: click.Parameter, value: str | None):
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        shape = "is not a valid date" if len(value) == 10 else "is not a date written YYYY-MM-DD"
        raise click.BadParameter(f"{value!r} {shape}") from None


def _plan_options(f=None, *, answers_required: bool = True):
    if f is None:
        return lambda g: _plan_options(g, answers_required=answers_required)
    for option in reversed(
        [
            click.option(
                "-a",
                "--answers",
                "answers_file",
                required=answers_required,
                type=click.Path(path_type=Path),
                help="Your answers file (YAML or JSON).",
            ),
            click.option(
                "-t",
                "--target",
                help="Role to reach (id, name or alias) [default: the answers file's target role].",
            ),
            click.option(
                "--from",
                "from_role",
                help="Role you start from [default: the answers "
                "file's current role, else your best-matching role].",
            ),
            click.option(
                "--hours-per-week",
                type=FiniteFloatRange(min=1, max=80),
                help="Hours a week you can study [default: the answers file's, else 6].",
            ),
            click.option(
                "--start",
                callback=_date,
                metavar="YYYY-MM-DD",
                help="Start date [default: the answers file's, else today].",
            ),
            strict_option,
        ]
    ):
        f = option(f)
    return f


def _build_plan(
    ctx: click.Context,
    answers_file: Path,
    target: str | None,
    from_role: str | None,
    hours_per_week: float | None,
    start,
    *,
    warn: bool = True,
    today=None,
    posting_file: Path | None = None,
):
    from careerpath.planner import build_plan

    catalog = _catalog(ctx)
    profile = _load_answers(ctx, answers_file, catalog, warn=warn)
    if posting_file:
        from careerpath.posting import plan_toward

        options = {"from_role": from_role, "hours_per_week": hours_per_week, "start": start}
        _, extended, plan = plan_toward(posting_file, catalog, profile, today=today, **options)
        return extended, profile, plan
    target = target or profile.person.target_role
    if not target:
        raise click.UsageError("no target role: pass --target ROLE (see `careerpath roles`)")
    plan = build_plan(
        profile,
        catalog,
        target,
        from_role=from_role,
        hours_per_week=hours_per_week,
        start=start,
        today=today,
    )
    return catalog, profile, plan


@cli.command()
@_plan_options
@json_option("plan", "Print the whole plan as JSON")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the plan to FILE (.html or .pdf) instead of the terminal.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "pdf"]),
    help="With -o: the format, when the extension does not say.",
)
@click.option(
    "--ics",
    "ics_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write each scheduled step as an all-day event to FILE (iCalendar .ics, for "
    "Google Calendar, Outlook, Apple Calendar or Thunderbird to import).",
)
@click.option("--force", is_flag=True, help="Overwrite FILE (-o, --ics) if it exists.")
@click.option(
    "--posting",
    "posting_file",
    type=click.Path(dir_okay=True, path_type=Path),
    metavar="JOB",
    help="Plan toward this job posting (.txt, .md, .pdf, .docx, .html) instead of a role: "
    "the curated roadmap into its closest role cut to the skills it asks for, or one "
    "generated from your gaps (`careerpath posting --help`).",
)
@click.pass_context
def plan(
    ctx: click.Context,
    answers_file: Path,
    target: str | None,
    from_role: str | None,
    hours_per_week: float | None,
    start,
    as_json: bool,
    output: Path | None,
    fmt: str | None,
    ics_file: Path | None,
    force: bool,
    posting_file: Path | None,
) -> None:
    """Build your personal, scheduled learning plan toward a target role (or a posting)."""
    if fmt and output is None:
        raise click.UsageError("--format goes with -o FILE")
    if posting_file and target:
        raise click.UsageError("--posting JOB is the target: leave out --target")
    if ics_file is not None:
        _check_ics(ics_file, output, answers_file, force)
    if output is not None:
        ctx.invoke(
            report,
            answers_file=answers_file,
            target=target,
            from_role=from_role,
            hours_per_week=hours_per_week,
            start=start,
            output=output,
            fmt=fmt,
            force=force,
            plan_only=True,
            posting_file=posting_file,
        )
        if ics_file is not None:
            from careerpath.report import report_date

            # Quietly (the report has warned) and for the report's date, as the report did.
            _, profile, built = _build_plan(
                ctx,
                answers_file,
                target,
                from_role,
                hours_per_week,
                start,
                warn=False,
                today=report_date(None),
                posting_file=posting_file,
            )
            _write_ics(ics_file, built, profile, answers_file, force, err=False)
        return
    catalog, profile, built = _build_plan(
        ctx, answers_file, target, from_role, hours_per_week, start, posting_file=posting_file
    )
    if ics_file is not None:  # before the plan is shown: a refusal comes first
        _write_ics(ics_file, built, profile, answers_file, force, err=as_json)
    if as_json:
        _echo_json(_dump(built))
        return
    from careerpath import terminal

    _echo(terminal.plan_text(built, catalog))


def _check_ics(ics_file: Path, output: Path | None, answers_file: Path, force: bool) -> None:
    """Refuse a calendar file that may not be written, before any work is done."""
    from careerpath.output import check_writable

    if output is not None and os.path.abspath(output) == os.path.abspath(ics_file):
        raise click.UsageError("-o and --ics name the same file: give each its own")
    check_writable(ics_file, force, inputs=[answers_file])


def _write_ics(ics_file: Path, built, profile, answers_file: Path, force: bool, *, err: bool):
    from careerpath.ics import plan_calendar
    from careerpath.output import write_atomic

    data = plan_calendar(built, who=profile.person.name)
    written = write_atomic(ics_file, data, force=force, inputs=[answers_file])
    # With --json, stdout holds only the JSON.
    _say(f"Calendar written to {printable(str(written.resolve()))}", err=err)


# --- reports ------------------------------------------------------------------------------


@cli.command()
@_plan_options(answers_required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file; its extension (.html or .pdf) picks the format "
    "[default: careerpath-report-NAME-DATE.html in this folder].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "pdf"]),
    help="Output format, when the extension does not say.",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="Paper size for print and PDF.",
)
@click.option(
    "--mentor-notes",
    type=click.Path(path_type=Path),
    help="Plain-text file of mentor notes to include (shown as text, never as HTML).",
)
@click.option(
    "--redact",
    is_flag=True,
    help="Leave out the name, evidence text and mentor notes (also from PDF metadata "
    "and the suggested file name).",
)
@click.option(
    "--date",
    "when",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Date printed on the report [default: $SOURCE_DATE_EPOCH, else today]; "
    "same inputs and date give byte-identical HTML.",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--open", "open_after", is_flag=True, help="Open the result in the system viewer.")
@json_option("report", "Print what was written as JSON (with --batch: `careerpath schema batch`)")
@click.option(
    "--batch",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Render one report per answers file in DIR (each file's own target role).",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --batch: folder for the reports (created if missing). Each is named after "
    "its answers file (ana.yaml gives ana.pdf); files whose reports would share a name keep "
    "their whole name (ana.yaml.pdf, ana.json.pdf), and a clash left after that gets a "
    "number (-2, -3).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="With --batch: parallel processes [default: number of cores]; with --executor dask "
    "and no --scheduler, the LocalCluster's worker processes.",
)
@click.option(
    "--shard",
    metavar="K/N",
    help="With --batch: render only the K-th of N shares of the files, so that N machines "
    "can split the work.",
)
@click.option(
    "--skip-existing",
    is_flag=True,
    help="With --batch: leave reports that already exist as they are and render the rest, so "
    "that an interrupted batch resumes (a report is written whole or not at all, so one that "
    "exists is complete).",
)
@executor_options("rendering (with --batch)")
@posting_option
@click.pass_context
def report(
    ctx: click.Context,
    answers_file: Path | None,
    target: str | None,
    from_role: str | None,
    hours_per_week: float | None,
    start,
    output: Path | None = None,
    fmt: str | None = None,
    paper: str = "a4",
    mentor_notes: Path | None = None,
    redact: bool = False,
    when=None,
    force: bool = False,
    open_after: bool = False,
    batch: Path | None = None,
    out_dir: Path | None = None,
    jobs: int | None = None,
    shard: str | None = None,
    plan_only: bool = False,
    skip_existing: bool = False,
    as_json: bool = False,
    executor: str = "process",
    scheduler: str | None = None,
    posting_file: Path | None = None,
) -> None:
    """Write a self-contained HTML report or a print-quality PDF for you and your mentor.

    Contents: best-matching roles (chart), your levels against the target role, gaps,
    skills that open the most doors, the scheduled plan (timeline), a mentor review
    section and, in an appendix, your answers with evidence.
    """
    from careerpath import pipeline
    from careerpath import report as rep
    from careerpath.documents import read_text
    from careerpath.models.outputs import ReportWritten
    from careerpath.render.document import format_for

    if batch and posting_file:
        raise click.UsageError("--posting goes with --answers FILE, not --batch")
    if batch and (answers_file or output):
        raise click.UsageError("--batch renders every file in DIR: leave out --answers and -o")
    if skip_existing and not batch:
        raise click.UsageError("--skip-existing goes with --batch DIR")
    if skip_existing and force:
        raise click.UsageError("--skip-existing keeps existing reports; --force replaces them")
    _check_executor(executor, scheduler)
    if executor != "process" and not batch:
        raise click.UsageError("--executor goes with --batch DIR")
    if batch:
        fmt = fmt or "pdf"
        _batch(
            ctx,
            batch,
            out_dir,
            jobs,
            shard,
            fmt,
            paper,
            redact,
            when,
            force,
            skip_existing,
            as_json,
            executor,
            scheduler,
        )
        return
    if answers_file is None:
        raise click.UsageError("pass --answers FILE (or --batch DIR --out-dir OUT)")
    catalog = _catalog(ctx)
    profile = _load_answers(ctx, answers_file, catalog)
    target = target or profile.person.target_role
    if plan_only and not target and not posting_file:
        raise click.UsageError("no target role: pass --target ROLE (see `careerpath roles`)")
    notes = read_text(mentor_notes) if mentor_notes else None
    day = rep.report_date(when)
    fmt = format_for(output, fmt) if output else (fmt or "html")
    kind = "plan" if plan_only else "report"
    output = output or rep.suggested_name(kind, profile, day, fmt, redact)
    written = pipeline.write_report(
        profile,
        catalog,
        output,
        fmt,  # type: ignore[arg-type]
        when=day,
        target=target,
        from_role=from_role,
        hours_per_week=hours_per_week,
        start=start,
        paper=paper,
        mentor_notes=notes,
        redact=redact,
        plan_only=plan_only,
        force=force,
        inputs=[p for p in (answers_file, mentor_notes, posting_file) if p],
        posting=posting_file,
    )
    if as_json:
        done = ReportWritten(
            kind=kind,  # type: ignore[arg-type]
            file=str(written.resolve()),
            format=fmt,  # type: ignore[arg-type]
            redacted=redact,
            date=day,
        )
        _echo_json(_dump(done))
    else:
        _say(f"{kind.capitalize()} written to {printable(str(written.resolve()))}")
    if open_after:
        _open(written)


def _batch(
    ctx: click.Context,
    folder: Path,
    out_dir: Path | None,
    jobs: int | None,
    shard: str | None,
    fmt: str,
    paper: str,
    redact: bool,
    when,
    force: bool,
    skip_existing: bool = False,
    as_json: bool = False,
    executor: str = "process",
    scheduler: str | None = None,
) -> None:
    from careerpath import batch
    from careerpath.cohort import answer_files
    from careerpath.output import check_not_input, identities, make_folder
    from careerpath.report import report_date

    if out_dir is None:
        raise click.UsageError("--batch needs --out-dir OUT")
    every = answer_files([folder])
    # One distinct name per input, chosen from the whole folder before sharding, so that
    # every machine names a file's report alike and no report replaces another.
    names = batch.output_names(every, fmt)
    files = batch.shard(every, *batch.parse_shard(shard)) if shard else every
    make_folder(out_dir, "--out-dir")
    # Refused before any work: a report over an answers file (a link to one, say).
    read = identities(every)
    for f in files:
        check_not_input(out_dir / names[f], read)
    day = report_date(when)
    data_dir = ctx.find_root().params.get("data_dir")
    work = [
        batch.Job(
            f,
            out_dir / names[f],
            fmt,
            str(data_dir) if data_dir else None,
            day,
            paper,
            redact,
            force,
            inputs=(f,),
            strict=_strict(ctx),
        )
        for f in files
    ]
    kept: list[batch.Job] = []
    if skip_existing:
        work, kept = batch.split_existing(work)
    elif not force:
        # Said once, before any work, with both ways on: not one "use --force" per report.
        there = batch.split_existing(work)[1]
        if there:
            raise OutputError(
                f"{len(there)} of {len(work)} reports are already in {out_dir} (such as "
                f"{there[0].output.name}): add --skip-existing to render only the missing "
                "ones (an interrupted batch resumes), or --force to replace them"
            )
    workers = batch.worker_count(jobs, len(work))
    if jobs and scheduler:
        _say("note: --jobs does not apply with --scheduler: the cluster has its workers", err=True)
    elif jobs and jobs > workers:  # 1,000 processes for 11 files only cost memory and time
        _say(
            f"note: --jobs {jobs} capped at {workers} (one process per file and per CPU: "
            f"{len(work)} files, {batch.default_jobs()} CPUs)",
            err=True,
        )
    failed: list[batch.Outcome] = []
    blank: list[batch.Outcome] = []
    with click.progressbar(
        length=len(work), label=f"Rendering {len(work)} reports", file=sys.stderr
    ) as bar:

        def done(outcome: batch.Outcome) -> None:
            if outcome.error:
                failed.append(outcome)
            if outcome.skipped:
                blank.append(outcome)
            bar.update(1)

        outcomes = batch.render_all(
            work,
            workers,
            done,
            executor=executor,  # type: ignore[arg-type]
            scheduler=scheduler,
        )
    for outcome in outcomes:
        for warning in outcome.warnings:
            _say(f"warning: {warning}", err=True)
    for outcome in blank:
        _say(f"skipped: {printable(str(outcome.answers))}: {outcome.skipped}", err=True)
    for outcome in failed:
        _say(f"failed: {_named_once(outcome.answers, outcome.error or '')}", err=True)
    written = sum(1 for o in outcomes if o.output)
    summary = f"{written} of {len(work)} reports written to {printable(str(out_dir))}"
    if skip_existing:
        summary += f"; {len(kept)} skipped ({batch.ALREADY_THERE})"
    if blank:
        summary += f"; {len(blank)} skipped (no skill answered)"
    if as_json:  # the same, for a script; the failures are in it too (and above, on stderr)
        _echo_json(_dump(batch.summary(out_dir, work, outcomes, kept)))
    else:
        _say(summary)
    if failed:
        sys.exit(1)


def _named_once(path: Path, error: str) -> str:
    """``error`` about ``path``, the path said once: a problem in the file already starts
    with it ("a.yaml:2: ..."), an error about anything else (the report) does not."""
    name = printable(str(path))
    return error if error.startswith(f"{name}:") else f"{name}: {error}"


def _open(path: Path) -> None:
    from careerpath.viewer import open_in_viewer

    why_not = open_in_viewer(path)
    if why_not:  # once, instead of the opener's own attempts, and where the file is
        raise OutputError(f"no viewer found to open it ({why_not}); the file is {path.resolve()}")


# --- job postings ---------------------------------------------------------------------------


@cli.command()
@click.argument("job", type=click.Path(dir_okay=True, path_type=Path))
@click.option(
    "-a",
    "--answers",
    "answers_file",
    type=click.Path(dir_okay=True, path_type=Path),
    help="Also measure your answers file against the posting: fit, readiness, gaps and a plan.",
)
@click.option(
    "--from",
    "from_role",
    help="With --answers: the role the plan starts from [default: the answers file's current "
    "role, else your best-matching role].",
)
@click.option(
    "--hours-per-week",
    type=FiniteFloatRange(min=1, max=80),
    help="With --answers: hours a week you can study [default: the answers file's, else 6].",
)
@click.option(
    "--start",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="With --answers: the plan's start date [default: the answers file's, else today].",
)
@json_option("posting", "Print the posting's profile (and your figures) as JSON")
@strict_option
@click.pass_context
def posting(
    ctx: click.Context,
    job: Path,
    answers_file: Path | None,
    from_role: str | None,
    hours_per_week: float | None,
    start,
    as_json: bool,
) -> None:
    """Read a job posting and say what it asks for and which role it is closest to.

    JOB is a .txt, .md, .pdf, .docx or .html file (a page saved from a browser). Each
    catalogue skill it asks for gets an importance (1-5) and a required level (1-4) from
    how it asks: the section ("Requirements", "What you'll do", "Nice to have") and the
    words ("must", "strong", "5+ years", "expert" vs "familiarity", "a plus"). The
    closest role is the catalogue role whose profile the posting's is most like (fit),
    unless the title names a catalogue role ("Senior Data Engineer"): that one comes first.

    With --answers: your fit and readiness for the posting (scored as for any role), the
    gaps costliest first, and a plan toward it: the curated roadmap into its closest role
    cut to the posting's skills, or one generated from your gaps. Nothing is fetched and
    the posting is not copied anywhere.
    """
    catalog = _catalog(ctx)
    if not answers_file and (from_role or hours_per_week or start):
        raise click.UsageError("--from, --hours-per-week and --start go with --answers FILE")
    from careerpath.posting import match_posting

    profile = _load_answers(ctx, answers_file, catalog) if answers_file else None
    result, extended = match_posting(
        job,
        catalog,
        profile,
        from_role=from_role,
        hours_per_week=hours_per_week,
        start=start,
    )
    if as_json:
        _echo_json(_dump(result))
        return
    from careerpath import terminal

    _echo(terminal.posting_text(result, extended))


# --- mentor workflows -----------------------------------------------------------------------


@cli.command()
@click.option(
    "-a",
    "--answers",
    "answers_file",
    required=True,
    type=click.Path(path_type=Path),
    help="The answers file that records your progress.",
)
@click.argument("step_id")
@click.option("--done", is_flag=True, help="Mark the step done.")
@click.option("--learning", is_flag=True, help="Mark the step in progress.")
@click.option("--skipped", is_flag=True, help="Mark the step skipped.")
@click.option("--todo", is_flag=True, help="Mark the step not started.")
@click.option("-t", "--target", help="Target role of the plan [default: the answers file's].")
@click.option(
    "--date",
    "when",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="When it happened [default: today].",
)
@json_option("progress", "Print the entry recorded as JSON")
@click.pass_context
def progress(
    ctx: click.Context,
    answers_file: Path,
    step_id: str,
    done: bool,
    learning: bool,
    skipped: bool,
    todo: bool,
    target: str | None,
    when,
    as_json: bool,
) -> None:
    """Record progress on a plan step (STEP_ID from `careerpath plan`) in the answers file.

    Only the file's `progress:` block changes; comments and everything else stay as written.
    """
    from careerpath.progress import record_progress

    given = [
        name
        for name, on in (
            ("done", done),
            ("learning", learning),
            ("skipped", skipped),
            ("todo", todo),
        )
        if on
    ]
    if len(given) != 1:
        raise click.UsageError("give exactly one of --done, --learning, --skipped or --todo")
    status = given[0]
    import datetime as dt

    when = when or dt.date.today()  # decided here, so that the JSON says the date written
    path = record_progress(answers_file, _catalog(ctx), step_id, status, target=target, when=when)  # type: ignore[arg-type]
    if as_json:
        from careerpath.models.outputs import ProgressRecorded

        recorded = ProgressRecorded(file=str(path), step=step_id, status=status, date=when)  # type: ignore[arg-type]
        _echo_json(_dump(recorded))
        return
    _say(printable(f"{step_id}: {status} (saved in {path})"))


def _mentor_output(
    view: str,
    result,
    catalog,
    subject: str,
    output: Path | None,
    fmt: str | None,
    when,
    force: bool,
    inputs: list[Path],
) -> None:
    from careerpath.render.document import format_for, write_output
    from careerpath.render.html import render_html
    from careerpath.report import report_date

    day = report_date(when)
    html = render_html(
        f"{view}.html.j2",
        view=view,
        result=result,
        catalog=catalog,
        subject=subject,
        when=day,
        paper="A4",
    )
    fmt = format_for(output, fmt)
    title = f"careerpath {view} · {day}"
    written = write_output(html, output, fmt, title=title, force=force, inputs=inputs)  # type: ignore[arg-type]
    _say(f"written to {printable(str(written.resolve()))}")


def _output_options(schema: str):
    return lambda f: _with_output_options(f, schema)


def _with_output_options(f, schema: str):
    for option in reversed(
        [
            click.option(
                "-o",
                "--output",
                type=click.Path(dir_okay=False, path_type=Path),
                help="Write HTML or PDF (by extension) instead of the terminal.",
            ),
            click.option(
                "--format",
                "fmt",
                type=click.Choice(["html", "pdf"]),
                help="Output format when the extension does not say.",
            ),
            json_option(schema),
            click.option(
                "--date",
                "when",
                callback=_date,
                metavar="YYYY-MM-DD",
                help="Date printed on the output [default: today].",
            ),
            click.option("--force", is_flag=True, help="Overwrite the output file."),
        ]
    ):
        f = option(f)
    return f


@cli.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("-t", "--target", help="Role for gaps closed/opened [default: NEW's target].")
@click.option(
    "--allow-catalog-change",
    is_flag=True,
    help="Compare even if the files were answered against different catalogues.",
)
@click.option(
    "--different-people",
    is_flag=True,
    help="Compare even if the two files name different people [default: refuse].",
)
@_output_options("comparison")
@strict_option
@click.pass_context
def compare(
    ctx: click.Context,
    old: Path,
    new: Path,
    target: str | None,
    allow_catalog_change: bool,
    different_people: bool,
    output: Path | None,
    fmt: str | None,
    as_json: bool,
    when,
    force: bool,
) -> None:
    """Compare two answers files of one person: what moved, fit and readiness, gaps, steps done.

    Files that name different people are refused unless --different-people is given.
    """
    from careerpath.comparison import compare as compare_profiles

    catalog = _catalog(ctx)
    result = compare_profiles(
        _load_answers(ctx, old, catalog),
        _load_answers(ctx, new, catalog),
        catalog,
        target,
        allow_catalog_change=allow_catalog_change,
        different_people=different_people,
    )
    if as_json:
        _echo_json(_dump(result))
    elif output:
        subject = f"{old.name} → {new.name}"
        _mentor_output("compare", result, catalog, subject, output, fmt, when, force, [old, new])
    else:
        from careerpath import terminal

        _echo(terminal.comparison_text(result, catalog))


def _read(paths: tuple[Path, ...]) -> list[Path]:
    """Every answers file a group command reads (and so may not write over)."""
    from careerpath.cohort import answer_files

    return answer_files(list(paths), many=True)


keep_going_option = click.option(
    "--keep-going/--fail-fast",
    default=True,
    help="On a file that cannot be used: list it, use the others and exit with status 1 at "
    "the end (--keep-going, the default), or stop at once with its error (--fail-fast). "
    "Files with no skill answered (blank templates) and copies are listed and left out, "
    "and are no error.",
)


group_jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that read the answers of a large group [default: one per CPU]; with "
    "--executor dask and no --scheduler, the LocalCluster's worker processes.",
)


def _group(
    ctx: click.Context,
    paths: tuple[Path, ...],
    keep_going: bool = True,
    jobs: int | None = None,
    executor: str = "process",
    scheduler: str | None = None,
):
    import contextlib

    from careerpath.cohort import load_group
    from careerpath.profile import notice

    _check_executor(executor, scheduler)
    catalog = _catalog(ctx)
    strict = _strict(ctx)
    with contextlib.ExitStack() as stack:
        read_all = None
        if executor == "dask":  # the files are read on the cluster, then scored here
            from careerpath import batch, cluster

            c = stack.enter_context(cluster.client(scheduler, jobs or batch.default_jobs()))
            read_all = cluster.read_all(c, catalog, strict, scheduler)
        people, skipped = load_group(
            list(paths), catalog, strict=strict, keep_going=keep_going, jobs=jobs, read_all=read_all
        )
    for s in skipped:
        _say(printable(f"skipped: {s.file}: {s.reason}"), err=True)
    for person in people:  # on the terminal of whoever runs it, never in the output
        for problem in person.notices:
            _say(f"warning: {notice(problem)}", err=True)
    return catalog, people, skipped


def _fail_if_invalid(skipped, used: int) -> None:
    """Exit 1 once the output is out when some file could not be used (listed above)."""
    from careerpath.documents import is_json_lines

    invalid = [s for s in skipped if s.kind == "invalid"]
    if invalid:
        what = "file(s)"
        if any(s.file and is_json_lines(s.file) for s in invalid):
            what = "file(s) or line(s)"  # each line of a JSON Lines file is a person's answers
        # How many were used, not "the others": blank templates and copies were left out too.
        _fail(f"{len(invalid)} {what} could not be used (listed above); {used} other(s) were used")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-t", "--target", help="Role for the common gaps [default: the group's most common target]."
)
@click.option(
    "--anonymise",
    "--anonymize",
    is_flag=True,
    help="Replace names with stable pseudonyms (key: $CAREERPATH_PSEUDONYM_KEY or "
    "~/.config/careerpath/pseudonym.key; never written to the output).",
)
@keep_going_option
@group_jobs_option
@_output_options("cohort")
@strict_option
@executor_options("reading of the answers files")
@click.pass_context
def cohort(
    ctx: click.Context,
    paths: tuple[Path, ...],
    target: str | None,
    anonymise: bool,
    keep_going: bool,
    jobs: int | None,
    output: Path | None,
    fmt: str | None,
    as_json: bool,
    when,
    force: bool,
    executor: str = "process",
    scheduler: str | None = None,
) -> None:
    """A mentor's group (folders or files of answers): heatmap, best roles, common gaps.

    A JSON Lines file (.jsonl, as an HR export writes it) holds one person's answers a line,
    each in the answers format (`careerpath schema answers`); blank lines are ignored.
    """
    from careerpath.cohort import cohort as build

    catalog, people, skipped = _group(ctx, paths, keep_going, jobs, executor, scheduler)
    result = build(people, catalog, skipped=skipped, anonymise=anonymise, target=target)
    if as_json:
        _echo_json_listing(result, "members")
    elif output:
        subject = f"{result.people} people"
        _mentor_output("cohort", result, catalog, subject, output, fmt, when, force, _read(paths))
    else:
        from careerpath import terminal

        _echo(terminal.cohort_text(result, catalog))
    _fail_if_invalid(skipped, len(people))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--threshold",
    type=FiniteFloatRange(0, 1),
    default=0.75,
    show_default=True,
    help="Readiness at which a member covers a role (with enough of it known).",
)
@click.option("--anonymise", "--anonymize", is_flag=True, help="Replace names with pseudonyms.")
@keep_going_option
@group_jobs_option
@_output_options("team")
@strict_option
@click.pass_context
def team(
    ctx: click.Context,
    paths: tuple[Path, ...],
    threshold: float,
    anonymise: bool,
    keep_going: bool,
    jobs: int | None,
    output: Path | None,
    fmt: str | None,
    as_json: bool,
    when,
    force: bool,
) -> None:
    """Which of the AI team's roles your team covers, which it lacks, upskill or hire.

    Lists who could cover each role on their own, then an assignment giving each person at
    most one role (the most roles covered, then the most of the others within reach of
    upskilling their member, then the highest total readiness: the Hungarian algorithm), and
    advises from that assignment. Files and JSON Lines files as for cohort.
    """
    from careerpath.cohort import team as build

    catalog, people, skipped = _group(ctx, paths, keep_going, jobs)
    result = build(people, catalog, threshold=threshold, skipped=skipped, anonymise=anonymise)
    if as_json:
        _echo_json(_dump(result))
    elif output:
        subject = f"{result.people} people"
        _mentor_output("team", result, catalog, subject, output, fmt, when, force, _read(paths))
    else:
        from careerpath import terminal

        _echo(terminal.team_text(result, catalog))
    _fail_if_invalid(skipped, len(people))


@cli.command()
@click.argument("name", metavar="NAME", type=click.Choice(SCHEMA_NAMES))
def schema(name: str) -> None:
    """Print the JSON Schema of a file format, or of what a command's --json prints
    (generated from the models).

    Files: answers, skill (a skills file), role, roadmap, catalog (catalog.yaml).

    Outputs: assessment (assess), adaptive-replay (assess --adaptive --answers),
    plan, report, batch (report --batch), progress, comparison (compare),
    cohort, team, validation (validate), roles, skills, catalog-skill (skills show),
    roadmaps, posting (posting, and assess --posting); roles show and roadmaps show
    print a role and a roadmap.
    """
    from careerpath.models.registry import json_schema

    _echo_json(json_schema(name))


def main() -> None:
    # Here, not in `cli`: only a real process (not a test calling `cli`) takes over SIGTERM.
    raise_on_sigterm()
    cli(prog_name="careerpath")
