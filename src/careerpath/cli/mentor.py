"""A mentor's commands: ``progress`` on a plan, ``compare`` two assessments, ``cohort``
and ``team`` for a group. Parsing and formatting only: the work is ``progress``,
``comparison``, ``group``, ``cohort`` and ``render.mentor``'s."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from careerpath.cli import options as o
from careerpath.errors import printable
from careerpath.i18n import N_, _, ngettext

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from careerpath.batch import Executor
    from careerpath.catalog import Catalog
    from careerpath.group import Group
    from careerpath.models.outputs import Cohort, Comparison, Team
    from careerpath.render.document import Format
    from careerpath.render.mentor import View

_ANSWERS = "The answers file that records your progress."
_ALLOW = "Compare even if the files were answered against different catalogues."
_DIFFERENT = "Compare even if the two files name different people [default: refuse]."
_COHORT_TARGET = "Role for the common gaps [default: the group's most common target]."
_PSEUDONYMS = (
    "Replace names with stable pseudonyms (key: $CAREERPATH_PSEUDONYM_KEY or "
    "~/.config/careerpath/pseudonym.key; never written to the output). Standard output and "
    "the file written then name no one and no file; the messages on standard error still name "
    "the files that could not be used or are warned about, for whoever fixes them."
)
_TEAM_PSEUDONYMS = (
    "Replace names with pseudonyms, as for cohort: standard output and the file written name "
    "no one and no file; standard error still names the files that could not be used."
)
_OUTPUT = "Write HTML or PDF (by extension) instead of the terminal."
_FORMAT = "Output format when the extension does not say."
_THRESHOLD = (
    "Readiness at which a member covers a role (with enough of it known and each of its "
    "essential skills met)."
)
_KEEP_GOING = (
    "On a file that cannot be used: list it, use the others and exit with status 1 at the end "
    "(--keep-going, the default), or stop at once with its error (--fail-fast). Files with no "
    "skill answered (blank templates) and copies are listed and left out, and are no error."
)
_JOBS = (
    "Processes that read the answers of a large group [default: one per CPU]; with --executor "
    "dask and no --scheduler, the LocalCluster's worker processes."
)
# A step's status as `progress` says it (the id in the file, a word in the language).
_STATUS = {
    "todo": N_("todo"),
    "learning": N_("learning"),
    "done": N_("done"),
    "skipped": N_("skipped"),
}
# Click's decorators, typed so that mypy can check them: each takes and gives a command function.
_Fn = Callable[..., Any]
_Decorator = Callable[[_Fn], _Fn]
_files = click.argument("paths", nargs=-1, required=True, type=o.PATH)


@click.command(
    epilog=o.examples(
        "careerpath plan -a mine.yaml",
        "careerpath progress -a mine.yaml model-monitoring --done",
    )
)
@click.option(
    "-a",
    "--answers",
    "answers_file",
    required=True,
    type=o.PathParam(),
    metavar="FILE",
    help=_ANSWERS,
)
@click.argument("step_id")
@click.option("--done", is_flag=True, help="Mark the step done.")
@click.option("--learning", is_flag=True, help="Mark the step in progress.")
@click.option("--skipped", is_flag=True, help="Mark the step skipped.")
@click.option("--todo", is_flag=True, help="Mark the step not started.")
@click.option(
    "-t", "--target", metavar="ROLE", help="Target role of the plan [default: the answers file's]."
)
@o.date_option("--date", "when", help=N_("When it happened [default: today]."))
@o.json_option("progress", N_("Print the entry recorded as JSON"))
@click.pass_context
def progress(
    ctx: click.Context,
    /,
    answers_file: Path,
    step_id: str,
    done: bool,
    learning: bool,
    skipped: bool,
    todo: bool,
    target: str | None,
    when: dt.date | None,
    as_json: bool,
) -> None:
    """Record progress on a plan step (STEP_ID from `careerpath plan`) in the answers file.

    Only the file's `progress:` block changes; comments and everything else stay as written.
    """
    from careerpath.progress import chosen_status, record_entry

    status = chosen_status({"done": done, "learning": learning, "skipped": skipped, "todo": todo})
    catalog = o.catalog_for(ctx)
    entry = record_entry(answers_file, catalog, step_id, status, target=target, when=when)
    if as_json:
        return o.echo_json(entry)
    recorded = _("{step}: {status} (saved in {file})")
    status_word = _(_STATUS[entry.status])
    o.say(printable(recorded.format(step=entry.step, status=status_word, file=entry.file)))


def _output_options(schema: str) -> _Decorator:
    """-o, --format, --json, --date and --force: what ``_show`` takes."""
    return o.stacked(
        click.option("-o", "--output", type=o.PathParam(dir_okay=False), help=_OUTPUT),
        click.option("--format", "fmt", type=click.Choice(o.FORMATS), help=_FORMAT),
        o.json_option(schema),
        o.date_option("--date", "when", help=N_("Date printed on the output [default: today].")),
        click.option("--force", is_flag=True, help="Overwrite the output file."),
    )


def _people(n: int) -> str:
    return ngettext("{n} person", "{n} people", n).format(n=n)


def _show(
    view: View,
    result: Comparison | Cohort | Team,
    catalog: Catalog,
    text: Callable[[], str],
    subject: str,
    inputs: Callable[[], list[Path]],
    *,
    output: Path | None,
    fmt: Format | None,
    as_json: bool,
    when: dt.date | None,
    force: bool,
) -> None:
    """``result`` as --json, as a document (-o: ``subject`` says whom it is about; it may not
    overwrite ``inputs``), or as ``text`` on the terminal."""
    if as_json and view == "cohort":  # a cohort's members can be 100,000: one at a time
        o.echo_json_listing(result, "members")
    elif as_json:
        o.echo_json(result)
    elif output:
        from careerpath.output import written_note
        from careerpath.render.mentor import write_view

        written = write_view(
            view,
            result,
            catalog,
            output,
            fmt,
            subject=subject,
            when=when,
            force=force,
            inputs=inputs(),
        )
        o.say(written_note(view, written))
    else:
        o.echo(text())


@click.command(
    epilog=o.examples(
        "careerpath compare june.yaml december.yaml",
        "careerpath compare june.yaml december.yaml -o moved.pdf",
    )
)
@click.argument("old", type=o.PathParam())
@click.argument("new", type=o.PathParam())
@click.option(
    "-t", "--target", metavar="ROLE", help="Role for gaps closed/opened [default: NEW's target]."
)
@click.option("--allow-catalog-change", is_flag=True, help=_ALLOW)
@click.option("--different-people", is_flag=True, help=_DIFFERENT)
@_output_options("comparison")
@o.strict_option
@click.pass_context
def compare(
    ctx: click.Context,
    /,
    old: Path,
    new: Path,
    target: str | None,
    allow_catalog_change: bool,
    different_people: bool,
    **out: Any,
) -> None:
    """Compare two answers files of one person: what moved, fit and readiness, gaps, steps done.

    Files that name different people are refused unless --different-people is given.
    """
    from careerpath import terminal
    from careerpath.comparison import compare as compare_profiles

    catalog = o.catalog_for(ctx)
    before, after = o.read_answers(ctx, old, catalog), o.read_answers(ctx, new, catalog)
    result = compare_profiles(
        before,
        after,
        catalog,
        target,
        allow_catalog_change=allow_catalog_change,
        different_people=different_people,
    )
    text = lambda: terminal.comparison_text(result, catalog)  # noqa: E731
    _show("compare", result, catalog, text, f"{old.name} → {new.name}", lambda: [old, new], **out)


_group_options = o.stacked(
    click.option("--keep-going/--fail-fast", default=True, help=_KEEP_GOING),
    click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N", help=_JOBS),
)


def _group(
    ctx: click.Context,
    paths: tuple[Path, ...],
    keep_going: bool,
    jobs: int | None,
    executor: Executor = "process",
    scheduler: str | None = None,
) -> Group:
    """The group read; what was left out, and the files' warnings, said on stderr (the
    terminal of whoever runs it, never the output)."""
    from careerpath.group import read_group

    o.check_executor(executor, scheduler)
    strict = o.is_strict(ctx)
    group = read_group(
        list(paths),
        o.catalog_for(ctx),
        strict=strict,
        keep_going=keep_going,
        jobs=jobs,
        executor=executor,
        scheduler=scheduler,
    )
    for s in group.skipped:
        o.say(
            printable(_("skipped: {file}: {reason}").format(file=s.file, reason=s.reason)), err=True
        )
    for said in group.notices():
        o.warn(said)
    return group


@click.command(
    epilog=o.examples(
        "careerpath cohort mentees",
        "careerpath cohort mentees --anonymise -o cohort.html",
        "careerpath cohort hr-export.jsonl -t data-analyst",
    )
)
@_files
@click.option("-t", "--target", metavar="ROLE", help=_COHORT_TARGET)
@click.option("--anonymise", "--anonymize", is_flag=True, help=_PSEUDONYMS)
@_group_options
@_output_options("cohort")
@o.strict_option
@o.executor_options(N_("reading of the answers files"))
@click.pass_context
def cohort(
    ctx: click.Context,
    /,
    paths: tuple[Path, ...],
    target: str | None,
    anonymise: bool,
    keep_going: bool,
    jobs: int | None,
    executor: Executor,
    scheduler: str | None,
    **out: Any,
) -> None:
    """A mentor's group (folders or files of answers): heatmap, best roles, common gaps.

    A JSON Lines file (.jsonl, as an HR export writes it) holds one person's answers a line,
    each in the answers format (`careerpath schema answers`); blank lines are ignored.
    """
    from careerpath import terminal
    from careerpath.cohort import cohort as build

    catalog, group = o.catalog_for(ctx), _group(ctx, paths, keep_going, jobs, executor, scheduler)
    result = build(group.people, catalog, skipped=group.skipped, anonymise=anonymise, target=target)
    text = lambda: terminal.cohort_text(result, catalog)  # noqa: E731
    _show("cohort", result, catalog, text, _people(result.people), group.files, **out)
    group.check_all_used()


@click.command(
    epilog=o.examples(
        "careerpath team my-team",
        "careerpath team my-team --threshold 0.6",
        "careerpath team my-team -o team.html",
    )
)
@_files
@click.option(
    "--threshold", type=o.FiniteFloatRange(0, 1), default=0.75, show_default=True, help=_THRESHOLD
)
@click.option("--anonymise", "--anonymize", is_flag=True, help=_TEAM_PSEUDONYMS)
@_group_options
@_output_options("team")
@o.strict_option
@click.pass_context
def team(
    ctx: click.Context,
    /,
    paths: tuple[Path, ...],
    threshold: float,
    anonymise: bool,
    keep_going: bool,
    jobs: int | None,
    **out: Any,
) -> None:
    """Which of the AI team's roles your team covers, which it lacks, upskill or hire.

    Lists who could cover each role on their own (readiness at the threshold and every
    essential skill met), then an assignment giving each person at most one role (the most
    roles covered, then the most of the others within reach of upskilling their member, then
    the highest total readiness: the Hungarian algorithm), and advises from that assignment.
    Files and JSON Lines files as for cohort.
    """
    from careerpath import terminal
    from careerpath.cohort import team as build

    catalog, group = o.catalog_for(ctx), _group(ctx, paths, keep_going, jobs)
    result = build(
        group.people, catalog, threshold=threshold, skipped=group.skipped, anonymise=anonymise
    )
    text = lambda: terminal.team_text(result, catalog)  # noqa: E731
    _show("team", result, catalog, text, _people(result.people), group.files, **out)
    group.check_all_used()
