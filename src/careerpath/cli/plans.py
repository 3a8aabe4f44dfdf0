"""Commands that plan: ``plan`` (in the terminal, as a file, as a calendar) and ``report``
(one, or a batch of them). Parsing and formatting only: the work is careerpath.pipeline's (one
document and its defaults), careerpath.batch's (a folder of them) and careerpath.ics's."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from careerpath.cli import options as o
from careerpath.errors import UsageError
from careerpath.i18n import N_, _, ngettext

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from careerpath.batch import Executor, Job, Outcome
    from careerpath.models.outputs import Plan
    from careerpath.pipeline import PlanRequest, Written
    from careerpath.profile import Profile
    from careerpath.render.document import Format

PATH, FILE = o.PATH, o.FILE
FORMAT = click.Choice(o.FORMATS)
TARGET = "Role to reach (id, name or alias) [default: the answers file's target role]."
FROM = "Role you start from [default: the answers file's current role, else your best-matching "
FROM += "role]."
ANSWERS = "Your answers file (YAML or JSON)."
PLAN_FILE = "Write the plan to FILE (.html or .pdf) instead of the terminal."
PLAN_FORMAT = "With -o: the format, when the extension does not say."
REPORT_FORMAT = "Output format, when the extension does not say."
PAPERS = click.Choice(["a4", "letter"])
PAPER = "Paper size for print and PDF."
START = "Start date [default: the answers file's, else today]."
HOURS = "Hours a week you can study, 1 to 80 (5.5 or 5,5) [default: the answers file's, else 6]."
ICS = "Also write each scheduled step as an all-day event to FILE (iCalendar .ics, for Google "
ICS += "Calendar, Outlook, Apple Calendar or Thunderbird to import)."
POSTING = "Plan toward this job posting (.txt, .md, .pdf, .docx, .html) instead of a role: the "
POSTING += "curated roadmap into its closest role cut to the skills it asks for, or one generated "
POSTING += "from your gaps (`careerpath posting --help`)."
OUTPUT = "Output file; its extension (.html or .pdf) picks the format [default: "
OUTPUT += "careerpath-report-NAME-DATE.html in this folder]."
NOTES = "Plain-text file of mentor notes to include (shown as text, never as HTML)."
REDACT = "Leave out the name, evidence text and mentor notes (also from PDF metadata and the "
REDACT += "suggested file name)."
DATE = "Date printed on the report [default: $SOURCE_DATE_EPOCH, else today]; same inputs and "
DATE += "date give byte-identical HTML."
BATCH = "Render one report per answers file in DIR, and one per line of each JSON Lines file "
BATCH += "(.jsonl, .ndjson) in it; DIR may also be a JSON Lines file itself. A line's report is "
BATCH += "named FILE-LINE (export.jsonl's line 3 gives export-3.pdf). Each report goes toward the "
BATCH += "person's own target role, unless --target; --from, --hours-per-week, --start and "
BATCH += "--mentor-notes apply to every report."
OUT_DIR = "With --batch: folder for the reports (created if missing). Each is named after its "
OUT_DIR += "answers file (ana.yaml gives ana.pdf); files whose reports would share a name keep "
OUT_DIR += "their whole name (ana.yaml.pdf, ana.json.pdf), and a clash left after that gets a "
OUT_DIR += "number (-2, -3)."
JOBS = "With --batch: parallel processes [default: number of cores]; with --executor dask and "
JOBS += "no --scheduler, the LocalCluster's worker processes."
SHARD = "With --batch: render only the K-th of N shares of the files, so that N machines can "
SHARD += "split the work."
SKIP = "With --batch: leave reports that already exist as they are and render the rest, so that "
SKIP += "an interrupted batch resumes (a report is written whole or not at all, so one that "
SKIP += "exists is complete)."


def _plan_options(answers_required: bool) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """What to plan (plan and report alike): the answers, and the target, start role, pace and
    start date (with the posting) handed to the command as one ``request``."""
    options = [
        click.option(
            "-a",
            "--answers",
            "answers_file",
            required=answers_required,
            type=PATH,
            metavar="FILE",
            help=ANSWERS,
        ),
        click.option("-t", "--target", metavar="ROLE", help=TARGET),
        click.option("--from", "from_role", metavar="ROLE", help=FROM),
        click.option("--hours-per-week", type=o.HoursParam(), help=HOURS),
        o.date_option("--start", help=START),
        o.strict_option,
    ]

    def apply(command: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(command)
        def with_request(*args: Any, **kwargs: Any) -> None:
            from careerpath.pipeline import PlanRequest

            asked = {k: kwargs.pop(k) for k in ("target", "from_role", "hours_per_week", "start")}
            kwargs["request"] = PlanRequest(**asked, posting=kwargs.pop("posting_file"))
            command(*args, **kwargs)

        return o.stacked(*options)(with_request)

    return apply


def _done(
    written: Written, *, redact: bool = False, as_json: bool = False, open_after: bool = False
) -> None:
    """Where ``written`` went, said (as JSON with --json); with --open, shown in the viewer."""
    from careerpath.models.outputs import ReportWritten
    from careerpath.output import written_note

    if as_json:
        where = str(written.path.resolve())
        done = ReportWritten(
            kind=written.kind, file=where, format=written.format, redacted=redact, date=written.date
        )
        o.echo_json(done)
    else:
        o.say(written_note(written.kind, written.path))
    if open_after:
        from careerpath import viewer

        viewer.show(written.path)


@click.command(
    epilog=o.examples(
        "careerpath plan -a my-answers.yaml -t ml-engineer",
        "careerpath plan -a my-answers.yaml --hours-per-week 8",
        "careerpath plan -a my-answers.yaml --ics plan.ics",
    )
)
@_plan_options(answers_required=True)
@o.json_option("plan", N_("Print the whole plan as JSON"))
@click.option("-o", "--output", type=FILE, help=PLAN_FILE)
@click.option("--format", "fmt", type=FORMAT, help=PLAN_FORMAT)
@click.option("--ics", "ics_file", type=FILE, help=ICS)
@click.option("--force", is_flag=True, help="Overwrite FILE (-o, --ics) if it exists.")
@click.option("--posting", "posting_file", type=PATH, metavar="JOB", help=POSTING)
@click.pass_context
def plan(
    ctx: click.Context,
    answers_file: Path,
    request: PlanRequest,
    as_json: bool,
    output: Path | None,
    fmt: Format | None,
    ics_file: Path | None,
    force: bool,
) -> None:
    """Build your personal, scheduled learning plan toward a target role (or a posting)."""
    from careerpath import pipeline, terminal

    _check_plan(answers_file, request, output, fmt, ics_file, force)
    catalog = o.catalog_for(ctx)
    request.check_roles(catalog)
    profile = o.read_answers(ctx, answers_file, catalog, from_role=request.from_role)
    if output is not None:  # the plan as a file (and its calendar): no --json, no terminal view
        written = pipeline.write_document(
            profile,
            catalog,
            "plan",
            output,
            fmt,
            answers=answers_file,
            request=request,
            force=force,
        )
        o.warn_past_start(request.start, written.plan, written.date)
        _done(written)
        return _calendar(ics_file, written.plan, profile, answers_file, force)
    catalog, built = pipeline.plan_for(profile, catalog, request)
    o.warn_past_start(request.start, built, None)
    # Before the plan is shown, so that a refusal comes first; on stderr under --json.
    _calendar(ics_file, built, profile, answers_file, force, err=as_json)
    if as_json:
        return o.echo_json(built)
    o.echo(terminal.plan_text(built, catalog))
    o.remind_ignored(profile, catalog)


def _calendar(
    ics_file: Path | None,
    built: Plan | None,
    profile: Profile,
    answers_file: Path,
    force: bool,
    *,
    err: bool = False,
) -> None:
    """--ics: the plan's steps written as a calendar, and where it went said."""
    from careerpath import ics
    from careerpath.output import written_note

    if ics_file is None or built is None:
        return
    who, read = profile.person.name, [answers_file]
    done = ics.write_calendar(ics_file, built, who=who, force=force, inputs=read)
    o.say(written_note("calendar", done), err=err)


def _check_plan(
    answers_file: Path,
    request: PlanRequest,
    output: Path | None,
    fmt: Format | None,
    ics_file: Path | None,
    force: bool,
) -> None:
    """``plan``'s options that do not go together, and a calendar that may not be written:
    refused before any work."""
    from careerpath.output import check_writable

    same = ics_file and output and os.path.abspath(output) == os.path.abspath(ics_file)
    o.refuse(
        (fmt and output is None, _("--format goes with -o FILE")),
        (request.posting and request.target, _("--posting JOB is the target: leave out --target")),
        (same, _("-o and --ics name the same file: give each its own")),
    )
    if ics_file is not None:
        check_writable(ics_file, force, inputs=[answers_file])


@click.command(
    epilog=o.examples(
        "careerpath report -a my-answers.yaml -o report.html",
        "careerpath report -a my-answers.yaml -o report.pdf",
        "careerpath report --batch mentees --out-dir reports",
    )
)
@_plan_options(answers_required=False)
@click.option("-o", "--output", type=FILE, help=OUTPUT)
@click.option("--format", "fmt", type=FORMAT, help=REPORT_FORMAT)
@click.option("--paper", type=PAPERS, default="a4", show_default=True, help=PAPER)
@click.option("--mentor-notes", type=PATH, metavar="FILE", help=NOTES)
@click.option("--redact", is_flag=True, help=REDACT)
@o.date_option("--date", "when", help=DATE)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--open", "open_after", is_flag=True, help="Open the result in the system viewer.")
@o.json_option(
    "report",
    sentence=N_(
        "Print what was written as JSON (`careerpath schema {schema}`; with --batch: "
        "`careerpath schema batch`)."
    ),
)
@click.option("--batch", type=o.PathParam(exists=True), metavar="DIR", help=BATCH)
@click.option("--out-dir", type=o.PathParam(file_okay=False), help=OUT_DIR)
@click.option("--jobs", type=click.IntRange(min=1), metavar="N", help=JOBS)
@click.option("--shard", metavar="K/N", help=SHARD)
@click.option("--skip-existing", is_flag=True, help=SKIP)
@o.executor_options(N_("rendering (with --batch)"))
@o.posting_option
@click.pass_context
def report(
    ctx: click.Context,
    answers_file: Path | None,
    request: PlanRequest,
    output: Path | None,
    fmt: Format | None,
    paper: str,
    mentor_notes: Path | None,
    redact: bool,
    when: dt.date | None,
    force: bool,
    open_after: bool,
    batch: Path | None,
    out_dir: Path | None,
    jobs: int | None,
    shard: str | None,
    skip_existing: bool,
    as_json: bool,
    executor: Executor,
    scheduler: str | None,
) -> None:
    """Write a self-contained HTML report or a print-quality PDF for you and your mentor.

    Contents: best-matching roles (chart), your levels against the target role, gaps,
    skills that open the most doors, the scheduled plan (timeline), a mentor review
    section and, in an appendix, your answers with evidence.
    """
    from careerpath import pipeline

    _check_report(ctx.params, request)
    if batch:
        return _batch(ctx, batch, out_dir, fmt or "pdf", request)
    if answers_file is None:
        raise UsageError(_("pass --answers FILE (or --batch DIR --out-dir OUT)"))
    catalog = o.catalog_for(ctx)
    request.check_roles(catalog)
    profile = o.read_answers(ctx, answers_file, catalog, from_role=request.from_role)
    written = pipeline.write_document(
        profile,
        catalog,
        "report",
        output,
        fmt,
        answers=answers_file,
        request=request,
        when=when,
        paper=paper,
        mentor_notes=mentor_notes,
        redact=redact,
        force=force,
    )
    o.warn_past_start(request.start, written.plan, written.date)
    _done(written, redact=redact, as_json=as_json, open_after=open_after)


def _check_report(p: dict[str, Any], request: PlanRequest) -> None:
    """``report``'s options (``ctx.params``) that do not go together: refused before any work."""
    batch, skip = p["batch"], p["skip_existing"]
    o.refuse(
        (batch and request.posting, _("--posting goes with --answers FILE, not --batch")),
        (
            batch and (p["answers_file"] or p["output"]),
            _("--batch renders every file in DIR: leave out --answers and -o"),
        ),
        (skip and not batch, _("--skip-existing goes with --batch DIR")),
        (skip and p["force"], _("--skip-existing keeps existing reports; --force replaces them")),
    )
    o.check_executor(p["executor"], p["scheduler"])
    o.refuse((p["executor"] != "process" and not batch, _("--executor goes with --batch DIR")))


def _batch(
    ctx: click.Context, folder: Path, out_dir: Path | None, fmt: Format, request: PlanRequest
) -> None:
    """``report --batch``: its other options are the report's (``ctx.params``)."""
    from careerpath import batch, terminal

    if out_dir is None:
        raise UsageError(_("--batch needs --out-dir OUT"))
    p = ctx.params
    work, kept, workers = _batch_work(ctx, folder, out_dir, fmt, request)
    left = len(kept) if p["skip_existing"] else None
    outcomes = _render(work, workers, p["executor"], p["scheduler"]) if work else []
    told, summary = terminal.batch_text(outcomes, out_dir, left)
    for line in told:
        o.say(line, err=True)
    if p["as_json"]:  # the same, for a script; the failures are in it too (and above, on stderr)
        o.echo_json(batch.summary(out_dir, work, outcomes, kept))
    else:
        o.say(summary)
    if any(x.error for x in outcomes):
        sys.exit(1)


def _render(
    work: list[Job], workers: int, executor: Executor, scheduler: str | None
) -> list[Outcome]:
    """The batch's reports rendered, with a progress bar on stderr."""
    from careerpath import batch

    n = len(work)
    label = ngettext("Rendering {n} report", "Rendering {n} reports", n).format(n=n)
    with click.progressbar(length=n, label=label, file=sys.stderr) as bar:
        update = bar.update
        return batch.render_all(
            work, workers, lambda _: update(1), executor=executor, scheduler=scheduler
        )


def _batch_work(
    ctx: click.Context, folder: Path, out_dir: Path, fmt: Format, request: PlanRequest
) -> tuple[list[Job], list[Job], int]:
    """The batch's jobs from the report's options, those left alone (with --skip-existing)
    and the processes to render them (a note on stderr when that is not --jobs)."""
    from careerpath import batch, terminal

    p = ctx.params
    work, kept = batch.prepare(
        folder,
        out_dir,
        fmt,
        when=p["when"],
        shard_of=p["shard"],
        data_dir=ctx.find_root().params.get("data_dir"),
        paper=p["paper"],
        redact=p["redact"],
        force=p["force"],
        skip_existing=p["skip_existing"],
        strict=o.is_strict(ctx),
        request=request,
        mentor_notes=p["mentor_notes"],
    )
    workers = batch.worker_count(p["jobs"], len(work))
    note = terminal.jobs_note(p["jobs"], p["scheduler"], workers, len(work), batch.default_jobs())
    if note:
        o.say(note, err=True)
    return work, kept, workers
