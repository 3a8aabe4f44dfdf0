"""A mentor's commands: ``progress`` on a plan, ``compare`` two assessments, ``cohort``
and ``team`` for a group."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from careerpath.cli.options import (
    FORMATS,
    FiniteFloatRange,
    catalog_for,
    check_executor,
    dump,
    echo,
    echo_json,
    echo_json_listing,
    executor_options,
    is_strict,
    json_option,
    parse_date,
    read_answers,
    say,
    strict_option,
)
from careerpath.errors import printable

if TYPE_CHECKING:
    import datetime as dt

    from careerpath.batch import Executor
    from careerpath.catalog import Catalog
    from careerpath.group import Group
    from careerpath.models.inputs import StepStatus
    from careerpath.models.outputs import Cohort, Comparison, Team
    from careerpath.render.document import Format
    from careerpath.render.mentor import View


@click.command()
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
    callback=parse_date,
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
    from careerpath.progress import chosen_status, record_entry

    flags: dict[StepStatus, bool] = {
        "done": done,
        "learning": learning,
        "skipped": skipped,
        "todo": todo,
    }
    status = chosen_status(flags)
    entry = record_entry(answers_file, catalog_for(ctx), step_id, status, target=target, when=when)
    if as_json:
        echo_json(dump(entry))
        return
    say(printable(f"{entry.step}: {entry.status} (saved in {entry.file})"))


def _write(
    view: View,
    result: Comparison | Cohort | Team,
    catalog: Catalog,
    subject: str,
    output: Path,
    fmt: str | None,
    when: dt.date | None,
    force: bool,
    inputs: list[Path],
) -> None:
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
        inputs=inputs,
    )
    say(f"written to {printable(str(written.resolve()))}")


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
                type=click.Choice(FORMATS),
                help="Output format when the extension does not say.",
            ),
            json_option(schema),
            click.option(
                "--date",
                "when",
                callback=parse_date,
                metavar="YYYY-MM-DD",
                help="Date printed on the output [default: today].",
            ),
            click.option("--force", is_flag=True, help="Overwrite the output file."),
        ]
    ):
        f = option(f)
    return f


@click.command()
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
    fmt: Format | None,
    as_json: bool,
    when,
    force: bool,
) -> None:
    """Compare two answers files of one person: what moved, fit and readiness, gaps, steps done.

    Files that name different people are refused unless --different-people is given.
    """
    from careerpath.comparison import compare as compare_profiles

    catalog = catalog_for(ctx)
    result = compare_profiles(
        read_answers(ctx, old, catalog),
        read_answers(ctx, new, catalog),
        catalog,
        target,
        allow_catalog_change=allow_catalog_change,
        different_people=different_people,
    )
    if as_json:
        echo_json(dump(result))
    elif output:
        subject = f"{old.name} → {new.name}"
        _write("compare", result, catalog, subject, output, fmt, when, force, [old, new])
    else:
        from careerpath import terminal

        echo(terminal.comparison_text(result, catalog))


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
    executor: Executor = "process",
    scheduler: str | None = None,
) -> tuple[Catalog, Group]:
    """The group read, with what was left out and the files' warnings said on stderr (the
    terminal of whoever runs it, never the output)."""
    from careerpath.group import read_group
    from careerpath.profile import notice

    check_executor(executor, scheduler)
    catalog = catalog_for(ctx)
    group = read_group(
        list(paths),
        catalog,
        strict=is_strict(ctx),
        keep_going=keep_going,
        jobs=jobs,
        executor=executor,
        scheduler=scheduler,
    )
    for s in group.skipped:
        say(printable(f"skipped: {s.file}: {s.reason}"), err=True)
    for person in group.people:
        for problem in person.notices:
            say(f"warning: {notice(problem)}", err=True)
    return catalog, group


@click.command()
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
    fmt: Format | None,
    as_json: bool,
    when,
    force: bool,
    executor: Executor = "process",
    scheduler: str | None = None,
) -> None:
    """A mentor's group (folders or files of answers): heatmap, best roles, common gaps.

    A JSON Lines file (.jsonl, as an HR export writes it) holds one person's answers a line,
    each in the answers format (`careerpath schema answers`); blank lines are ignored.
    """
    from careerpath.cohort import cohort as build

    catalog, group = _group(ctx, paths, keep_going, jobs, executor, scheduler)
    result = build(group.people, catalog, skipped=group.skipped, anonymise=anonymise, target=target)
    if as_json:
        echo_json_listing(result, "members")
    elif output:
        subject = f"{result.people} people"
        _write("cohort", result, catalog, subject, output, fmt, when, force, group.files())
    else:
        from careerpath import terminal

        echo(terminal.cohort_text(result, catalog))
    group.check_all_used()


@click.command()
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
    fmt: Format | None,
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

    catalog, group = _group(ctx, paths, keep_going, jobs)
    result = build(
        group.people, catalog, threshold=threshold, skipped=group.skipped, anonymise=anonymise
    )
    if as_json:
        echo_json(dump(result))
    elif output:
        subject = f"{result.people} people"
        _write("team", result, catalog, subject, output, fmt, when, force, group.files())
    else:
        from careerpath import terminal

        echo(terminal.team_text(result, catalog))
    group.check_all_used()
