"""Profile: a person's answers resolved against a catalogue (skill ids and levels, known and
unknown), the one input every assessment, plan and report reads. Loading and saving answers
files is ``answers``'s job; this module holds only the type and its notices.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal, get_args

from careerpath.commands import next_command
from careerpath.errors import InputError, Option, Problem, UsageError, printable, sentence
from careerpath.i18n import N_, _, format_fixed, ngettext
from careerpath.models import Answers, Person

if TYPE_CHECKING:
    from careerpath.catalog import Catalog

# The current_role of a person in none of the catalogue's roles.
OTHER_ROLE = "other"
# The notice of a skill name the catalogue does not know (answers.py writes it): ignored, or
# refused under strict.
# The answers file a command's example names, where it has no path (a template's comments):
# a placeholder the reader replaces, in their language.
THIS_FILE = N_("THIS_FILE")
UNKNOWN_SKILL = N_("unknown skill")
UNKNOWN_SKILL_HINT = N_('unknown skill; did you mean "{name}"?')
# A current_role the catalogue does not know: context, not a score input, so taken as "other"
# with a warning (refused under strict); an unknown target_role is an error (it drives plans).
UNKNOWN_CURRENT_ROLE = N_(
    'unknown role "{name}", taken as "other" (a role outside the catalogue: no roadmap starts '
    "from it)"
)
UNKNOWN_CURRENT_ROLE_HINT = N_(
    'unknown role "{name}", taken as "other" (a role outside the catalogue: no roadmap starts '
    'from it); did you mean "{close}"?'
)
UNKNOWN_CURRENT_ROLE_STRICT = N_(
    'unknown role "{name}"; write "other" for a role outside the catalogue'
)
UNKNOWN_CURRENT_ROLE_STRICT_HINT = N_(
    'unknown role "{name}"; did you mean "{close}"? (or "other", for a role outside the catalogue)'
)


@dataclass(frozen=True)
class Profile:
    """A person's answers resolved against a catalogue.

    ``levels``: skill id -> level for every skill whose level is known, including the 0 of an
    unlisted skill under ``unlisted: zero``; a skill absent from it is unknown. ``rated``: the
    skills the person gave a level to. ``ignored``: names in the file the catalogue does not
    know; ``merged``: second names of a skill already listed (the higher level counts);
    ``unknown_role``: a current role the catalogue does not know, taken as "other"; all as
    warnings with their lines. ``skipped``: the skills the file lists with no level under any
    of their names (asked and skipped, so unknown)."""

    answers: Answers
    levels: dict[str, int]
    source: str = "answers"
    evidence: dict[str, str] = field(default_factory=dict)
    interest: dict[str, int] = field(default_factory=dict)
    rated: frozenset[str] = frozenset()
    ignored: tuple[Problem, ...] = ()
    merged: tuple[Problem, ...] = ()
    suggested: frozenset[str] = frozenset()  # levels that are CV suggestions not yet confirmed
    unknown_role: tuple[Problem, ...] = ()
    skipped: frozenset[str] = frozenset()

    @property
    def notices(self) -> tuple[Problem, ...]:
        """Every warning about the file's names, in line order."""
        found = (*self.unknown_role, *self.ignored, *self.merged)
        return tuple(sorted(found, key=lambda p: p.line or 0))

    @property
    def person(self) -> Person:
        return self.answers.person

    def starting_from(self, role: str | None) -> Profile:
        """The profile as a plan that starts from ``role`` (--from) reads it, when given: the
        file's current role is not used then, so an unknown one is no longer warned of (the
        warning would name a second role beside the one the plan starts from)."""
        return replace(self, unknown_role=()) if role else self

    def target(self, chosen: str | None = None) -> str | None:
        """The role a command aims at: ``chosen`` (its --target), else the file's target role;
        None when neither names one."""
        return chosen or self.person.target_role

    @property
    def fingerprint(self) -> str:
        """Stable across formatting, key spelling and order: two reports can be told apart."""
        canonical = {
            "person": self.answers.person.model_dump(mode="json"),
            "assessed_on": str(self.answers.assessed_on),
            "levels": dict(sorted(self.levels.items())),
            "evidence": dict(sorted(self.evidence.items())),
            "progress": {
                k: v.model_dump(mode="json") for k, v in sorted(self.answers.progress.items())
            },
        }
        blob = json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(blob).hexdigest()[:12]


def notice(problem: Problem) -> str:
    """One answers-file notice as a line for the terminal: unknown names say they were
    ignored; a second name of one skill says which level counts."""
    return _said(problem, str(problem))


def _said(problem: Problem, text: str) -> str:
    """``text``, the problem's words with or without where, as a notice says them."""
    return _("{notice} (ignored)").format(notice=text) if _is_unknown_skill(problem) else text


# How many of the files that share a notice ``group_notices`` names; the rest are counted.
FILES_NAMED = 3


def group_notices(problems: Iterable[Problem], *, shown: int | None = None) -> list[str]:
    """The name notices of a group's files (``cohort``, ``team``, ``report --batch``), in
    the order first met: a notice that several give (the same field, the same words: a whole
    group that wrote "excell") said once, with how many files and where in the first
    FILES_NAMED of them; one that only one file gives, as ``notice`` says it. ``shown``: at
    most that many of a file's own notices are said, the rest counted in one line where the
    next would be, as ``name_warnings`` counts them."""
    shared: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        shared.setdefault((p.field, p.message), []).append(p)
    out: list[str] = []
    said: dict[str, int] = {}  # file -> how many of its own notices were said
    over: dict[str, tuple[int, int]] = {}  # file -> (where its count goes in out, the count)
    for found in shared.values():
        first = found[0]
        if len(found) == 1:
            if shown is None or said.get(first.file, 0) < shown:
                said[first.file] = said.get(first.file, 0) + 1
                out.append(notice(first))
                continue
            at, more = over.get(first.file, (len(out), 0))
            if not more:
                out.append("")  # its place, filled in once the count is known
            over[first.file] = (at, more + 1)
            continue
        files = list(dict.fromkeys(p.file for p in found))
        where = ", ".join(
            _where(f, [p.line for p in found if p.file == f]) for f in files[:FILES_NAMED]
        )
        if len(files) > FILES_NAMED:
            where = _("{names} and {count} more").format(
                names=where, count=format_fixed(len(files) - FILES_NAMED)
            )
        what = _said(first, f"{printable(first.field)}: {printable(first.message)}")
        message = ngettext(
            "{notice}; in {count} file: {files}", "{notice}; in {count} files: {files}", len(files)
        )
        out.append(message.format(notice=what, count=format_fixed(len(files)), files=where))
    for file, (at, more) in over.items():
        out[at] = _more_names(file, more)
    return out


def _where(file: str, lines: list[int | None]) -> str:
    """One file of a shared notice: FILE:LINE, or how many lines of it (a JSON Lines file,
    a person a line) give the notice."""
    if len(lines) > 1:
        return ngettext("{file} ({n} line)", "{file} ({n} lines)", len(lines)).format(
            file=printable(file), n=format_fixed(len(lines))
        )
    return printable(file) + (f":{lines[0]}" if lines[0] is not None else "")


def _is_unknown_skill(problem: Problem) -> bool:
    # Told by its words, in the language it was written in (the current one).
    if problem.message == _(UNKNOWN_SKILL):
        return True
    head, _name, tail = _(UNKNOWN_SKILL_HINT).partition("{name}")
    return len(problem.message) > len(head) + len(tail) and (
        problem.message.startswith(head) and problem.message.endswith(tail)
    )


def target_role(profile: Profile, explicit: str | None) -> str:
    """The role a plan goes to: the one asked for, else the answers file's. Neither is a usage
    error, the same wherever a plan is needed."""
    target = profile.target(explicit)
    if not target:
        raise UsageError(
            *sentence(
                _("no target role: pass {option} ROLE (see `{command}`)"),
                option=Option("target"),
                command=next_command("roles"),
            )
        )
    return target


def require_answers(profile: Profile) -> Profile:
    """The profile, refused if no skill in it is answered: a blank template (every level left
    empty) or a file that lists no skill. Every level would be a guess or a 0 nobody gave, yet
    some role would come out "closest" (cohort and batch leave such files out the same way)."""
    if profile.rated:
        return profile
    message = _(
        "no skill is answered yet (a blank template?), so there is nothing to score: give a "
        "level 0-4 to each skill you have, or answer the questions with `{command}`"
    )
    command = resume_command(profile.source)
    raise InputError([Problem(profile.source, None, "skills", message.format(command=command))])


# The options of ``assess`` that a command continuing its run repeats (``resuming_with``);
# --data-dir and --lang are every suggested command's (careerpath.commands).
_REPEATED: ContextVar[tuple[str, ...]] = ContextVar("careerpath_repeated", default=())


@contextlib.contextmanager
def resuming_with(options: Sequence[str] = ()) -> Iterator[None]:
    """While this lasts, ``resume_command`` repeats ``options`` (of ``assess``:
    ``--adaptive``), the ones the user gave that change the run: a questionnaire resumed
    goes on as it began, wherever the command is printed."""
    token = _REPEATED.set(tuple(options))
    try:
        yield
    finally:
        _REPEATED.reset(token)


def resume_command(path: str | os.PathLike[str] | None = None, *, adaptive: bool = False) -> str:
    """The command that continues the questionnaire saved in ``path`` (a draft's included);
    without one, for the placeholder THIS_FILE. With the options of the run (``resuming_with``,
    and the --data-dir and --lang every suggested command has), and --adaptive when
    ``adaptive``. Here, not in ``questionnaire``, because that module imports this one and
    ``warnings`` needs it."""
    where = os.fspath(path) if path is not None else _(THIS_FILE)
    return next_command("assess", *_resume_options(adaptive), "--resume", where)


def resume_in_words(*, adaptive: bool = False) -> str:
    """``resume_command`` in backticks, for a reader who must not see the file's name (a
    redacted report: the name is often the person's): the command up to --resume, then the
    file said in words, so that it still says what to type."""
    command = next_command("assess", *_resume_options(adaptive), "--resume")
    return _("`{command}` (followed by your answers file)").format(command=command)


def _resume_options(adaptive: bool) -> tuple[str, ...]:
    options = _REPEATED.get()
    if adaptive and "--adaptive" not in options:
        options = (*options, "--adaptive")
    return options


# The codes of ``name_warnings`` in an assessment's warnings (``AssessmentWarning.code``).
NameCode = Literal["unknown-role", "ignored-names"]
NAME_CODES: frozenset[str] = frozenset(get_args(NameCode))
# How many of a file's name notices are said one by one; the rest are counted.
NOTICES_SHOWN = 10


def name_warnings(profile: Profile) -> list[tuple[NameCode, str]]:
    """What every command says of the names in a profile's file that the catalogue does not
    take as given (an unknown skill or current role, a second name of one skill), each with
    its code: the one wording of them, on standard error (``warnings``) and in an
    assessment's warnings (--json, the report). The first NOTICES_SHOWN in line order, one a
    line (``notice``: file, line, field), then how many more, so that a file of a thousand
    typos warns in a screenful."""
    said: list[tuple[NameCode, str]] = [
        ("unknown-role" if p in profile.unknown_role else "ignored-names", notice(p))
        for p in profile.notices[:NOTICES_SHOWN]
    ]
    more = len(profile.notices) - NOTICES_SHOWN
    if more > 0:
        said.append(("ignored-names", _more_names(profile.source, more)))
    return said


def _more_names(source: str, count: int) -> str:
    """The line that counts the name notices of ``source`` not said one by one."""
    message = ngettext(
        "{source}: {count} more warning like these about the file's names; `{command}` "
        "lists the names the catalogue knows",
        "{source}: {count} more warnings like these about the file's names; `{command}` "
        "lists the names the catalogue knows",
        count,
    )
    return message.format(source=source, count=count, command=next_command("skills"))


def ignored_reminder(profile: Profile, catalog: Catalog) -> str | None:
    """The skill names of the file that were not read, said again after a long result: their
    warnings came first and have scrolled off a terminal by then, while the result treats
    each such skill as not listed (a "pyhton: 3" leaves Python at 0 and plans it from 0).
    The first NOTICES_SHOWN, as the warnings; a name whose likely skill the file lists under
    its own name is left out (nothing was lost). None when nothing is to be said."""
    names = []
    for problem in profile.ignored:
        written = problem.field.partition(".")[2]
        if not written or not _is_unknown_skill(problem):
            continue
        close = catalog.closest_skill(written)
        if close in profile.rated:
            continue  # "pyhton" beside "python": the skill it meant is listed, nothing lost
        if close is not None:
            hint = catalog.skills[close].name
            written = _('{name} (did you mean "{close}"?)').format(name=written, close=hint)
        names.append(written)
    if not names:
        return None
    shown = "; ".join(names[:NOTICES_SHOWN])
    if len(names) > NOTICES_SHOWN:
        more = len(names) - NOTICES_SHOWN
        shown += ngettext("; and {n} more", "; and {n} more", more).format(n=more)
    message = ngettext(
        "{source}: {count} skill name was not read, so that skill counts as not listed: {names}",
        "{source}: {count} skill names were not read, so those skills count as not listed: {names}",
        len(names),
    )
    return message.format(source=profile.source, count=len(names), names=shown)


def warnings(profile: Profile) -> list[str]:
    """What to warn about a profile about to be scored, on standard error: its name notices
    (``name_warnings``) and, for a draft from ``careerpath prefill``, that its suggested
    levels are scored as given though nobody has confirmed them yet."""
    lines = [text for _code, text in name_warnings(profile)]
    if profile.suggested:
        count = len(profile.suggested)
        message = ngettext(
            "{source}: {count} of its levels is a suggestion from a CV not confirmed yet; "
            "confirm or change them with `{command}`",
            "{source}: {count} of its levels are suggestions from a CV not confirmed yet; "
            "confirm or change them with `{command}`",
            count,
        )
        command = resume_command(profile.source)
        lines.append(message.format(source=profile.source, count=count, command=command))
    return lines
