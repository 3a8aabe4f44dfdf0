"""Commands that take in a person's skills: the questionnaire (as a file, and asked in the
terminal by ``assess``), ``prefill`` from a CV, and ``posting``, a job ad's profile."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from careerpath.cli import options as o
from careerpath.cli.language import composed
from careerpath.errors import UsageError, printable
from careerpath.i18n import N_, _

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from careerpath.catalog import Catalog
    from careerpath.models.outputs import Assessment
    from careerpath.profile import Profile


@click.group(epilog=o.examples("careerpath questionnaire template -o my-answers.yaml"))
def questionnaire() -> None:
    """The questionnaire as a file: what a mentor sends a mentee."""


def _file_or_stdout(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """-o/--output FILE (standard output without it) and --force, for a YAML file made
    (``what``, marked N_)."""
    help = composed(N_("Write {what} to FILE [default: print it to standard output]."), what=what)
    output = click.option("-o", "--output", type=o.FILE, help=help)
    force = click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
    return o.stacked(output, force)


@questionnaire.command(
    "template",
    epilog=o.examples(
        "careerpath questionnaire template -o my-answers.yaml",
        "careerpath assess --answers my-answers.yaml",
    ),
)
@_file_or_stdout(N_("the template"))
@click.pass_context
def questionnaire_template(ctx: click.Context, output: Path | None, force: bool) -> None:
    """Write a blank, commented answers file: every skill with its level descriptors."""
    from careerpath.output import write_atomic
    from careerpath.questionnaire import template, template_written

    text = template(o.catalog_for(ctx))
    if output is None:
        o.echo(text, nl=False)
        return
    o.say(template_written(write_atomic(output, text, force=force)), err=True)


@click.command(
    epilog=o.examples(
        "careerpath prefill my-cv.pdf -o draft.yaml", "careerpath assess --resume draft.yaml"
    )
)
@click.argument("cv", type=o.FILE)
@_file_or_stdout(N_("the draft"))
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

    catalog = o.catalog_for(ctx)
    if output is None:
        o.echo(pf.draft_text(pf.prefill(cv, catalog)), nl=False)
    else:
        o.say(pf.written_note(*pf.prefill_into(cv, catalog, output, force=force)), err=True)


class _ClickAsker:
    """The questionnaire's prompts through click, so that CliRunner can drive them in tests."""

    def __init__(self, err: bool) -> None:
        self.err = err

    def ask(self, prompt: str) -> str:
        try:  # a long prompt comes wrapped to the terminal: its line breaks are kept
            text = printable(prompt, lines=True)
            answer: str = click.prompt(text, default="", show_default=False, err=self.err)
            return answer
        except click.Abort as exc:
            # click turns both Ctrl-C and the end of input into Abort, keeping which it was
            # as the context: the questionnaire ends with a different status for each.
            if isinstance(exc.__context__, KeyboardInterrupt):
                raise KeyboardInterrupt from None
            raise EOFError from None

    def say(self, text: str = "") -> None:
        o.echo(text, err=self.err)


@click.command(
    epilog=o.examples(
        "careerpath assess",
        "careerpath assess -a careerpath-answers-2026-12-03.yaml",
        "careerpath assess -a my-answers.yaml -t ml-engineer",
    )
)
@click.option(
    "-a",
    "--answers",
    "answers_file",
    type=o.PATH,
    metavar="FILE",
    help="Score a filled answers file (YAML or JSON) instead of asking questions.",
)
@click.option(
    "--resume",
    type=o.PATH,
    metavar="FILE",
    help="Continue an interrupted questionnaire saved in FILE, or start from a draft made by "
    "`careerpath prefill`: its suggested levels are asked first, to confirm (Enter) or change.",
)
@click.option(
    "--save",
    type=o.FILE,
    help="Where the questionnaire saves answers [default: ./careerpath-answers-DATE.yaml].",
)
@click.option(
    "--force", is_flag=True, help="Start a new questionnaire over an existing --save file."
)
@click.option(
    "-t", "--target", metavar="ROLE", help="Also list every gap for this role (id, name or alias)."
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    metavar="N",
    help="Show only the best N roles in the table.",
)
@click.option(
    "--adaptive",
    is_flag=True,
    help="Ask the most informative question next and stop once your top three roles are "
    "settled. With --answers: replay the file through the adaptive order and report the "
    "questions it would have asked.",
)
@click.option(
    "--max-questions",
    type=click.IntRange(min=1),
    metavar="N",
    help="With --adaptive: ask at most N questions.",
)
@o.posting_option
@o.json_option(
    "assessment",
    sentence=N_(
        "Print the whole result as JSON (`careerpath schema {schema}`; with --adaptive "
        "--answers: `careerpath schema adaptive-replay`; with --posting: `careerpath schema "
        "posting`)."
    ),
)
@o.strict_option
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
    from careerpath.profile import resuming_with
    from careerpath.scoring import assess as assess_profile

    catalog = o.catalog_for(ctx)
    _check_assess(answers_file, resume, save, adaptive, posting_file)
    if answers_file and adaptive:
        return _replay(ctx, catalog, answers_file, max_questions, as_json)
    with resuming_with(_repeated(ctx)):  # every command printed to go on says them again
        if answers_file:
            profile = o.read_answers(ctx, answers_file, catalog)
        else:
            asked = (resume, save, force, adaptive, max_questions)
            profile = _interview(catalog, *asked, as_json=as_json, target=target, top=top)
        result = assess_profile(profile, catalog, profile.target(target))
    _show(catalog, profile, result, posting_file, top, as_json, asked=not answers_file)


def _show(
    catalog: Catalog,
    profile: Profile,
    result: Assessment,
    posting_file: Path | None,
    top: int | None,
    as_json: bool,
    *,
    asked: bool,
) -> None:
    """The ranking (and the posting's section), as text or JSON; after a questionnaire
    (``asked``), what to run next."""
    from careerpath import terminal

    matched = None
    if posting_file:
        from careerpath.posting import match_posting

        matched = match_posting(posting_file, catalog, profile)
    if as_json:
        o.echo_json(matched[0] if matched else result)
        return
    o.echo(terminal.assessment_text(result, catalog, top))
    if matched:  # its section follows the ranking
        o.echo("\n" + terminal.posting_text(*matched, full_plan=False))
    o.remind_ignored(profile, catalog)
    if asked:  # last on the screen, where a questionnaire's end leaves the eye
        from pathlib import Path

        from careerpath.questionnaire import next_steps

        steps = next_steps(Path(profile.source), profile, result, terminal.columns())
        o.echo("\n" + "\n".join(steps))


# What a command that continues this run leaves out of its options: it names the file to
# continue itself, and never starts over (--save, --force); --lang is every suggested
# command's (careerpath.commands), as is the root's --data-dir.
_NOT_REPEATED = frozenset({"answers_file", "resume", "save", "force", "lang"})


def _repeated(ctx: click.Context) -> list[str]:
    """The options of ``assess`` the user gave this run on the command line that change it,
    to be said again by the command that continues it."""
    from click.core import ParameterSource

    after: list[str] = []
    for param in ctx.command.params:
        if not isinstance(param, click.Option) or param.name in _NOT_REPEATED:
            continue
        if ctx.get_parameter_source(param.name or "") is ParameterSource.COMMANDLINE:
            flag = max(param.opts, key=len)
            value = ctx.params.get(param.name or "")
            after += [flag] if param.is_flag else [flag, str(value)]  # a path as given
    return after


def _check_assess(
    answers_file: Path | None,
    resume: Path | None,
    save: Path | None,
    adaptive: bool,
    posting_file: Path | None,
) -> None:
    """``assess``'s options that do not go together: refused before any work."""
    replay = answers_file and adaptive
    o.refuse(
        (
            answers_file and (resume or save),
            _("--answers reads a finished file; --resume/--save run the questionnaire"),
        ),
        (replay and posting_file, _("--posting goes with an assessment, not an --adaptive replay")),
    )


def _replay(
    ctx: click.Context,
    catalog: Catalog,
    answers_file: Path,
    max_questions: int | None,
    as_json: bool,
) -> None:
    """``assess --adaptive --answers FILE``: how short the questionnaire could have been."""
    from careerpath import terminal
    from careerpath.adaptive import replay

    profile = o.read_answers(ctx, answers_file, catalog)
    run = replay(catalog, dict(profile.levels), max_questions)
    o.echo_json(run) if as_json else o.say(terminal.replay_text(run, catalog, profile.source))


def _interview(
    catalog: Catalog,
    resume: Path | None,
    save: Path | None,
    force: bool,
    adaptive: bool,
    max_questions: int | None,
    *,
    as_json: bool,
    target: str | None,
    top: int | None,
) -> Profile:
    """The questionnaire asked in the terminal; stopped early, what the answers saved so far
    support, and the exit status of the stop (1, or 130 for Ctrl-C)."""
    from careerpath import questionnaire as q
    from careerpath.answers import profile_from
    from careerpath.commands import next_command

    session = q.open_session(catalog, resume=resume, save=save, force=force, strict=o.is_strict())
    for warning in session.warnings:  # the resumed file's names, before the first question
        o.warn(warning)
    asker = _ClickAsker(err=as_json)

    def stopped() -> None:  # the command to resume follows: the last line on the screen
        result = q.so_far(session, target)
        if as_json and result:
            o.echo_json(result)
            return
        chosen = [*(["--target", target] if target else []), *(["--top", str(top)] if top else [])]
        ranking = next_command("assess", "--answers", session.path, *chosen)
        o.echo(q.so_far_text(result, catalog, top, ranking), err=as_json)

    asked = q.interview(
        session, asker, adaptive=adaptive, max_questions=max_questions, stopped=stopped
    )
    if asked:
        return profile_from(session.answers, catalog, str(session.path))
    sys.exit(q.stop_status(session))


@click.command(
    epilog=o.examples(
        "careerpath posting job-ad.pdf", "careerpath posting job-ad.pdf -a my-answers.yaml"
    )
)
@click.argument("job", type=o.PATH)
@click.option(
    "-a",
    "--answers",
    "answers_file",
    type=o.PATH,
    metavar="FILE",
    help="Also measure your answers file against the posting: fit, readiness, gaps and a plan.",
)
@click.option(
    "--from",
    "from_role",
    metavar="ROLE",
    help="With --answers: the role the plan starts from [default: the answers file's current "
    "role, else your best-matching role].",
)
@click.option(
    "--hours-per-week",
    type=o.HoursParam(),
    help="With --answers: hours a week you can study, 1 to 80 (5.5 or 5,5) [default: the "
    "answers file's, else 6].",
)
@o.date_option(
    "--start",
    help="With --answers: the plan's start date [default: the answers file's, else today].",
)
@o.json_option("posting", N_("Print the posting's profile (and your figures) as JSON"))
@o.strict_option
@click.pass_context
def posting(
    ctx: click.Context,
    job: Path,
    answers_file: Path | None,
    from_role: str | None,
    hours_per_week: float | None,
    start: dt.date | None,
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
    from careerpath import terminal
    from careerpath.posting import match_posting

    catalog = o.catalog_for(ctx)
    if not answers_file and (from_role or hours_per_week or start):
        raise UsageError(_("--from, --hours-per-week and --start go with --answers FILE"))
    profile = o.read_answers(ctx, answers_file, catalog) if answers_file else None
    result, extended = match_posting(
        job, catalog, profile, from_role=from_role, hours_per_week=hours_per_week, start=start
    )
    o.warn_past_start(start, result.person.plan if result.person else None, None)
    if as_json:
        return o.echo_json(result)
    o.echo(terminal.posting_text(result, extended))
    if profile is not None:
        o.remind_ignored(profile, catalog)
