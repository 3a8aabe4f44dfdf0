"""Commands that plan: ``plan`` (in the terminal, as a file, as a calendar) and ``report``
(one, or a batch of them)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import click

from careerpath.cli.options import (
    FORMATS,
    FiniteFloatRange,
    catalog_for,
    check_executor,
    dump,
    echo,
    echo_json,
    executor_options,
    is_strict,
    json_option,
    parse_date,
    posting_option,
    read_answers,
    say,
    strict_option,
)
from careerpath.errors import OutputError, UsageError, printable

if TYPE_CHECKING:
    from careerpath.batch import Executor
    from careerpath.render.document import Format


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
                callback=parse_date,
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

    catalog = catalog_for(ctx)
    profile = read_answers(ctx, answers_file, catalog, warn=warn)
    if posting_file:
        from careerpath.posting import plan_toward

        options = {"from_role": from_role, "hours_per_week": hours_per_week, "start": start}
        _, extended, plan = plan_toward(posting_file, catalog, profile, today=today, **options)
        return extended, profile, plan
    target = target or profile.person.target_role
    if not target:
        raise UsageError("no target role: pass --target ROLE (see `careerpath roles`)")
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


@click.command()
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
    type=click.Choice(FORMATS),
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
    fmt: Format | None,
    ics_file: Path | None,
    force: bool,
    posting_file: Path | None,
) -> None:
    """Build your personal, scheduled learning plan toward a target role (or a posting)."""
    if fmt and output is None:
        raise UsageError("--format goes with -o FILE")
    if posting_file and target:
        raise UsageError("--posting JOB is the target: leave out --target")
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
        echo_json(dump(built))
        return
    from careerpath import terminal

    echo(terminal.plan_text(built, catalog))


def _check_ics(ics_file: Path, output: Path | None, answers_file: Path, force: bool) -> None:
    """Refuse a calendar file that may not be written, before any work is done."""
    from careerpath.output import check_writable

    if output is not None and os.path.abspath(output) == os.path.abspath(ics_file):
        raise UsageError("-o and --ics name the same file: give each its own")
    check_writable(ics_file, force, inputs=[answers_file])


def _write_ics(ics_file: Path, built, profile, answers_file: Path, force: bool, *, err: bool):
    from careerpath.ics import plan_calendar
    from careerpath.output import write_atomic

    data = plan_calendar(built, who=profile.person.name)
    written = write_atomic(ics_file, data, force=force, inputs=[answers_file])
    # With --json, stdout holds only the JSON.
    say(f"Calendar written to {printable(str(written.resolve()))}", err=err)


@click.command()
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
    type=click.Choice(FORMATS),
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
    callback=parse_date,
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
    fmt: Format | None = None,
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
    executor: Executor = "process",
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
        raise UsageError("--posting goes with --answers FILE, not --batch")
    if batch and (answers_file or output):
        raise UsageError("--batch renders every file in DIR: leave out --answers and -o")
    if skip_existing and not batch:
        raise UsageError("--skip-existing goes with --batch DIR")
    if skip_existing and force:
        raise UsageError("--skip-existing keeps existing reports; --force replaces them")
    check_executor(executor, scheduler)
    if executor != "process" and not batch:
        raise UsageError("--executor goes with --batch DIR")
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
        raise UsageError("pass --answers FILE (or --batch DIR --out-dir OUT)")
    catalog = catalog_for(ctx)
    profile = read_answers(ctx, answers_file, catalog)
    target = target or profile.person.target_role
    if plan_only and not target and not posting_file:
        raise UsageError("no target role: pass --target ROLE (see `careerpath roles`)")
    notes = read_text(mentor_notes) if mentor_notes else None
    day = rep.report_date(when)
    form = format_for(output, fmt) if output else (fmt or "html")
    kind: Literal["report", "plan"] = "plan" if plan_only else "report"
    output = output or rep.suggested_name(kind, profile, day, form, redact)
    written = pipeline.write_report(
        profile,
        catalog,
        output,
        form,
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
            kind=kind,
            file=str(written.resolve()),
            format=form,
            redacted=redact,
            date=day,
        )
        echo_json(dump(done))
    else:
        say(f"{kind.capitalize()} written to {printable(str(written.resolve()))}")
    if open_after:
        _open(written)


def _batch(
    ctx: click.Context,
    folder: Path,
    out_dir: Path | None,
    jobs: int | None,
    shard: str | None,
    fmt: Format,
    paper: str,
    redact: bool,
    when,
    force: bool,
    skip_existing: bool = False,
    as_json: bool = False,
    executor: Executor = "process",
    scheduler: str | None = None,
) -> None:
    from careerpath import batch
    from careerpath.cohort import answer_files
    from careerpath.output import check_not_input, identities, make_folder
    from careerpath.report import report_date

    if out_dir is None:
        raise UsageError("--batch needs --out-dir OUT")
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
            strict=is_strict(ctx),
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
        say("note: --jobs does not apply with --scheduler: the cluster has its workers", err=True)
    elif jobs and jobs > workers:  # 1,000 processes for 11 files only cost memory and time
        say(
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
            executor=executor,
            scheduler=scheduler,
        )
    for outcome in outcomes:
        for warning in outcome.warnings:
            say(f"warning: {warning}", err=True)
    for outcome in blank:
        say(f"skipped: {printable(str(outcome.answers))}: {outcome.skipped}", err=True)
    for outcome in failed:
        say(f"failed: {_named_once(outcome.answers, outcome.error or '')}", err=True)
    written = sum(1 for o in outcomes if o.output)
    summary = f"{written} of {len(work)} reports written to {printable(str(out_dir))}"
    if skip_existing:
        summary += f"; {len(kept)} skipped ({batch.ALREADY_THERE})"
    if blank:
        summary += f"; {len(blank)} skipped (no skill answered)"
    if as_json:  # the same, for a script; the failures are in it too (and above, on stderr)
        echo_json(dump(batch.summary(out_dir, work, outcomes, kept)))
    else:
        say(summary)
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
