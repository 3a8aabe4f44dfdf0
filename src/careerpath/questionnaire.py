"""The interactive self-assessment: question order, prompts, autosave and resume.

The session logic is plain Python over an ``Asker`` (ask a line, show text), so tests and the
CLI drive the same code. Role requirements never appear here: people rate what they have done,
not what they think a role expects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import signal
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import yaml

from careerpath import terminal, typed_input
from careerpath.answers import dump_answers, parse_answers, rewrite_answers
from careerpath.catalog import Catalog
from careerpath.commands import next_command
from careerpath.documents import parse_text, read_document, read_text
from careerpath.errors import (
    CareerPathError,
    Option,
    OutputError,
    UsageError,
    printable,
    sentence,
)
from careerpath.i18n import N_, _, format_percent, ngettext
from careerpath.models import LEVEL_NAMES, Answers, Person, Role, SkillAnswer
from careerpath.models.inputs import level_clash, level_label, level_of, level_words
from careerpath.names import fold
from careerpath.output import check_writable, locked, write_atomic
from careerpath.profile import (
    NAME_CODES,
    OTHER_ROLE,
    THIS_FILE,
    Profile,
    name_warnings,
    resume_command,
)
from careerpath.signals import EXIT_INTERRUPTED, EXIT_TERMINATED

if TYPE_CHECKING:
    from careerpath.models.outputs import Assessment

DEFAULT_HOURS = 6.0
# The keys typed besides a level, each "KEY|what it does": a language translates the key to
# one its readers will not misread (pt-BR: p for pular, since s reads as "sim"); the English
# key (before the "|") is accepted in every language. Keys of one prompt must differ in each
# language and from the English ones (tests.test_questionnaire checks).
SKIP = N_("s|key: skip this question")
BACK = N_("b|key: go back")
REVIEW = N_("r|key: review the answers")
QUIT = N_("q|key: save and quit")
# After the adaptive questions: the target role's remaining skills, all of them, or finish.
TARGET = N_("t|key: answer the target role's remaining skills")
ALL = N_("a|key: answer all the remaining questions")
FINISH = N_("n|key: finish now")
QUESTION_KEYS = (SKIP, BACK, REVIEW, QUIT)
CONTINUE_KEYS = (TARGET, ALL, FINISH)


def key(marked: str) -> str:
    """The key this language shows for ``marked`` (one of the keys above)."""
    return _(marked).split("|", 1)[0].strip().lower()


def pressed(raw: str, marked: str) -> bool:
    """Whether ``raw`` is ``marked``'s key, in this language or in English."""
    return raw.lower() in (key(marked), marked.split("|", 1)[0])


def _keys() -> dict[str, str]:
    return {"skip": key(SKIP), "back": key(BACK), "review": key(REVIEW), "quit": key(QUIT)}


# The start screen names the levels' range in words, the prompt in COMMANDS.
KEYS = N_("{skip} skip, {back} back, {review} review, ? more, {quit} save and quit")
COMMANDS = N_("0-4, {skip} skip, {back} back, {review} review, ? more, {quit} save and quit")


def commands() -> str:
    """The prompt's list of what may be typed, with this language's keys."""
    return _(COMMANDS).format(**_keys())


class Asker(Protocol):
    def ask(self, prompt: str) -> str:
        """Read one line; raise EOFError or KeyboardInterrupt when the person stops."""

    def say(self, text: str = "") -> None: ...


class Stopped(Exception):
    """The person asked to stop (q, Ctrl-C, end of input, SIGTERM); answers are saved."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def default_save_path(today: dt.date | None = None) -> Path:
    return Path(f"careerpath-answers-{(today or dt.date.today()).isoformat()}.yaml")


@dataclass
class Session:
    """Where a questionnaire stands: the answers so far and the questions in order."""

    catalog: Catalog
    path: Path
    answers: Answers
    order: list[str] = field(default_factory=list)
    saves: int = 0
    resumed: bool = False  # the file at ``path`` is this session's from the start
    # What to warn of the names in a resumed file the catalogue does not know, before the
    # first question: ``profile.name_warnings``, the one wording (and cap) every command
    # says on standard error. The names stay in the file as written (the questionnaire never
    # drops what a person wrote).
    warnings: tuple[str, ...] = ()
    # Where the session says what it has to as it saves (the file it moved to).
    tell: Callable[[str], None] | None = None
    # The adaptive questionnaire numbers its questions in the order asked, not the catalogue's.
    adaptive: bool = False
    # Why :func:`interview` stopped before the end ("quit", "end of input", "interrupted",
    # "terminated"), None while it runs or once it finished.
    stopped: str | None = None
    # Skill id -> the level a CV suggested for it (a draft's ``suggested: true``), as the
    # session began: its evidence is the CV's sentence for that level, which a different
    # level given instead no longer has (``record`` drops it).
    cv_levels: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.order:
            self.order = list(self.catalog.skills)
        if self.answers.catalog_version is None:
            self.answers = self.answers.model_copy(update={"catalog_version": self.catalog.version})
        if not self.cv_levels:
            self.cv_levels = {s: a.level for s, a in self._suggested().items()}

    @classmethod
    def start(cls, catalog: Catalog, path: Path, *, force: bool = False) -> Session:
        if path.exists() and not force:  # most likely a questionnaire: say how to go on
            resume = resume_command(path)
            raise OutputError(
                *sentence(
                    _(
                        "{path}: already exists; continue it with `{command}` (or start over "
                        "with {option}, which replaces it)"
                    ),
                    path=path,
                    command=resume,
                    option=Option("force"),
                )
            )
        check_writable(path, force)
        # A question not asked yet is unknown, not a 0: a session saved half-way (or an
        # adaptive one that stopped early) must not read as "none" for the rest.
        return cls(catalog, path, Answers(assessed_on=dt.date.today(), unlisted="unknown"))

    @classmethod
    def resume(cls, catalog: Catalog, path: Path, *, strict: bool = False) -> Session:
        doc = read_document(path)
        check_writable(path, force=True)  # a read-only file: say so before the questions
        # Skill and role names are checked now, not after the last question: unknown skill
        # names are warnings (``strict``: refused), as for ``assess --answers``.
        profile = parse_answers(doc, catalog, strict=strict)
        answers = profile.answers
        if profile.suggested:
            # A draft from `careerpath prefill`: its skills with no level are not asked yet
            # (it lists them so that none reads as 0). The session's saves leave them out,
            # and `unlisted: unknown` keeps them unknown.
            answers = answers.model_copy(
                update={
                    "skills": {k: v for k, v in answers.skills.items() if v is not None},
                    "unlisted": "unknown",
                    "assessed_on": answers.assessed_on or dt.date.today(),
                }
            )
        warnings = tuple(text for _code, text in name_warnings(profile))
        return cls(catalog, path, answers, resumed=True, warnings=warnings)

    def _answered(self) -> dict[str, SkillAnswer | None]:
        """Skill id -> its answer (None: skipped), in the order the questions were asked: the
        one walk over the file's answers that the questions asked, their levels and the
        suggestions all read."""
        out: dict[str, SkillAnswer | None] = {}
        for key, answer in self.answers.skills.items():
            skill_id = self.catalog.resolve_skill(key)
            if skill_id:
                out[skill_id] = answer
        return out

    def first_unasked(self) -> int:
        asked = self._answered()
        for i, skill_id in enumerate(self.order):
            if skill_id not in asked:
                return i
        return len(self.order)

    def asked_levels(self) -> dict[str, int | None]:
        """Skill id -> level (None: skipped), in the order the questions were asked."""
        return {s: None if a is None else a.level for s, a in self._answered().items()}

    def numbers(self) -> dict[str, int]:
        """Skill id -> the question number the person sees: its place in the catalogue, or
        in the adaptive questionnaire, in the order asked (a question not asked has none)."""
        if self.adaptive:
            return {s: i for i, s in enumerate(self.asked_levels(), start=1)}
        return {s: i for i, s in enumerate(self.order, start=1)}

    def _suggested(self) -> dict[str, SkillAnswer]:
        return {s: a for s, a in self._answered().items() if a is not None and a.suggested}

    def suggestions(self) -> list[str]:
        """The skills whose level is a CV suggestion not confirmed yet, in question order."""
        suggested = self._suggested()
        return [s for s in self.order if s in suggested]

    def suggestion(self, skill_id: str) -> SkillAnswer | None:
        """The unconfirmed suggestion for ``skill_id``, or None."""
        return self._suggested().get(skill_id)

    def confirm(self, skill_id: str) -> None:
        """Keep the suggested level of ``skill_id`` as the person's answer."""
        answer = self.suggestion(skill_id)
        if answer is not None:
            self.record(skill_id, answer.level)

    def person_done(self) -> bool:
        # The start date is the last question about the person and always gets a value; a
        # file that already has skills has moved past these questions (or was written by hand).
        person = self.answers.person
        return person.start_date is not None or (person != Person() and bool(self.answers.skills))

    def record(self, skill_id: str, level: int | None) -> None:
        """Save ``level`` (None: skipped) for ``skill_id``. A changed answer keeps its place
        and name in the file (the adaptive questionnaire reads the order as the order asked;
        a resumed file keeps the person's name for the skill) and the evidence and interest
        written with it; only a skip, which has no level, drops them, and a level other than
        the one a CV suggested drops the CV's sentence kept as evidence (it showed that level,
        not this one)."""
        suggested = self.cv_levels.get(skill_id)
        cv_evidence = suggested is not None and level != suggested
        skills: dict[str, SkillAnswer | None] = {}
        found = False
        for key, old in self.answers.skills.items():
            if self.catalog.resolve_skill(key) != skill_id:
                skills[key] = old
            elif not found:  # a second name of the skill goes: the answer is this one
                skills[key] = _changed(old, level, drop_evidence=cv_evidence)
                found = True
        if not found:
            skills[skill_id] = _changed(None, level)
        self.answers = self.answers.model_copy(update={"skills": skills})
        self.save()

    def forget(self, skill_id: str) -> None:
        skills = {
            k: v
            for k, v in self.answers.skills.items()
            if self.catalog.resolve_skill(k) != skill_id
        }
        self.answers = self.answers.model_copy(update={"skills": skills})
        self.save()

    def set_person(self, person: Person) -> None:
        self.answers = self.answers.model_copy(update={"person": person})
        self.save()

    def save(self) -> None:
        # After the first save the file is ours: later saves replace it atomically. Under
        # the file's lock, like every writer of an answers file; `careerpath progress` may
        # have recorded steps since we read it, and the questionnaire never changes them,
        # so the progress on disk is the one kept.
        with locked(self.path):
            disk = self._read_disk() if self.saves or self.resumed else None
            text = dump_answers(self.answers)
            if self.resumed and disk is not None:
                # A file the person wrote (or one of ours they edited): their comments and
                # layout stay. One whose form we cannot edit safely is left as it is, and the
                # answers go to a file beside it, unless a fresh file loses nothing of it.
                kept = rewrite_answers(disk, str(self.path), self.answers, self.catalog)
                if kept is None and "#" in disk:
                    self._move()
                    write_atomic(self.path, text)
                    self.saves += 1
                    return
                text = text if kept is None else kept
                if not self.suggestions():  # a draft's header asked to confirm them: done
                    from careerpath.prefill import settled_header

                    text = settled_header(text)
            write_atomic(self.path, text, force=True)
        self.saves += 1

    def _read_disk(self) -> str | None:
        """The file's text now, with its recorded progress taken into the answers; None if
        it no longer reads (edited by hand meanwhile), which is then replaced, as before."""
        try:
            text = read_text(self.path)
            disk = parse_answers(parse_text(text, str(self.path)), self.catalog).answers
        except CareerPathError:
            return None
        if disk.progress != self.answers.progress:
            self.answers = self.answers.model_copy(update={"progress": disk.progress})
        return text

    def _move(self) -> None:
        """Save to a new file beside the resumed one from now on, and say so."""
        old = self.path
        n = 1
        while True:
            suffix = "" if n == 1 else f"-{n}"
            new = old.with_name(f"{old.stem}-saved{suffix}{old.suffix or '.yaml'}")
            if not new.exists():
                break
            n += 1
        self.path = new
        self.resumed = False  # the new file is ours
        message = _(
            "{path}: cannot save your answers in this file without losing what you wrote in "
            "it (its comments or layout), so it is left as it is; your answers are saved to "
            "{new} from now on"
        )
        if self.tell is not None:
            self.tell(message.format(path=old, new=new))


def _changed(
    old: SkillAnswer | None, level: int | None, *, drop_evidence: bool = False
) -> SkillAnswer | None:
    if level is None:
        return None
    if old is None:
        return SkillAnswer(level=level)
    # Answered now: a CV suggestion becomes the person's own answer (its evidence stays,
    # unless it is the CV's sentence for another level: ``drop_evidence``).
    update: dict[str, object] = {"level": level, "suggested": False}
    if drop_evidence:
        update["evidence"] = None
    return old.model_copy(update=update)


# --- how long it takes ---------------------------------------------------------------------

# Reading a level descriptor closely enough to rate yourself against it is slower than
# ordinary silent reading of prose (about 240 words a minute for adults: Brysbaert 2019,
# Journal of Memory and Language 109), and each answer takes a moment of thought: we take
# 200 to 300 words a minute, and 10 to 5 seconds to decide, for the slow and fast estimate.
READING_WPM = (200, 300)
DECIDE_SECONDS = (10, 5)
# `python benchmarks/adaptive.py`: over 1,000 simulated people, the adaptive questionnaire
# asks about 55% of the questions on average before the top three roles are settled.
ADAPTIVE_SHARE = 0.55


def question_words(catalog: Catalog, skill_id: str) -> int:
    """The words a question shows: name, description, and each level's name and descriptor."""
    skill = catalog.skills[skill_id]
    texts = [skill.name, skill.description, *LEVEL_NAMES[: len(skill.levels)], *skill.levels]
    return sum(len(t.split()) for t in texts)


def minutes(catalog: Catalog, skill_ids: Iterable[str]) -> tuple[float, float]:
    """How long answering these questions takes, in minutes: the fast and the slow estimate.
    Counted on the catalogue's English text in every language: a translation's words are
    not a different amount to read (Portuguese uses about 15% more words for the same text),
    and the help, the README and the questionnaire then give the same figures."""
    ids = list(skill_ids)
    english = catalog.in_language("en")
    words = sum(question_words(english, s) for s in ids)
    slow = words / READING_WPM[0] + len(ids) * DECIDE_SECONDS[0] / 60
    fast = words / READING_WPM[1] + len(ids) * DECIDE_SECONDS[1] / 60
    return fast, slow


@dataclass(frozen=True)
class Duration:
    """How long the questionnaire takes, in whole minutes rounded outward to five."""

    questions: int
    low: int
    high: int
    adaptive_questions: int  # what the adaptive questionnaire asks on average
    adaptive_low: int
    adaptive_high: int

    def text(self, adaptive: bool = False) -> str:
        """What to expect: for the questionnaire being taken (``adaptive``: the adaptive one,
        which its taker has chosen, so it is not offered again), else both."""
        figures = dataclasses.asdict(self)
        if adaptive:
            return _(
                "The adaptive questionnaire usually asks about {adaptive_questions} of the "
                "{questions} questions, about {adaptive_low}-{adaptive_high} minutes: it stops "
                "once your top three roles are settled."
            ).format(**figures)
        return _(
            "The full questionnaire has {questions} questions and takes about {low}-{high} "
            "minutes; the adaptive one (--adaptive) usually asks about {adaptive_questions} of "
            "them, about {adaptive_low}-{adaptive_high} minutes."
        ).format(**figures)


def duration(catalog: Catalog) -> Duration:
    """How long the full and the adaptive questionnaires take for ``catalog``."""
    fast, slow = minutes(catalog, catalog.skills)

    def down(x: float) -> int:
        return max(5, int(x // 5) * 5)

    def up(x: float) -> int:
        return max(5, -int(-x // 5) * 5)

    return Duration(
        questions=len(catalog.skills),
        low=down(fast),
        high=up(slow),
        adaptive_questions=round(len(catalog.skills) * ADAPTIVE_SHARE),
        adaptive_low=down(fast * ADAPTIVE_SHARE),
        adaptive_high=up(slow * ADAPTIVE_SHARE),
    )


def minutes_left(catalog: Catalog, skill_ids: Iterable[str]) -> int:
    """Whole minutes (at least 1) the given questions take, between the fast and slow pace."""
    fast, slow = minutes(catalog, skill_ids)
    return max(1, round((fast + slow) / 2))


# --- prompts -------------------------------------------------------------------------------


def wrap(text: str, first: str = "", rest: str | None = None) -> str:
    """``text`` wrapped at word boundaries to the terminal's width (``terminal.width``):
    ``first`` starts the first line, ``rest`` (the same by default) every further one."""
    return (
        textwrap.fill(
            text,
            terminal.width(),
            initial_indent=first,
            subsequent_indent=first if rest is None else rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        or first.rstrip()
    )


def _ask_until(asker: Asker, prompt: str, parse: Callable[[str], object]) -> object:
    while True:
        raw = asker.ask(_prompt(prompt)).strip()
        if pressed(raw, QUIT):
            raise Stopped("quit")
        try:
            return parse(raw)
        except ValueError as exc:
            asker.say(wrap(str(exc), "  "))


def ask_person(session: Session, asker: Asker) -> None:
    catalog = session.catalog
    asker.say(wrap(_("First, a few questions about you (press Enter for the default).")))
    # Resuming after a stop in these questions: keep what was given, ask the rest.
    fields: dict[str, object] = session.answers.person.model_dump(exclude_none=True)

    def field(key: str, prompt: str, parse: Callable[[str], object]) -> None:
        if key in fields:
            return
        fields[key] = _ask_until(asker, prompt, parse)
        # Saved field by field: stopping half-way through these questions loses nothing.
        session.set_person(Person.model_validate(fields))

    field("name", _("Your name (optional)"), lambda s: s[:200] or None)
    roles = list(catalog.roles.values())
    asker.say(_("Roles:"))
    for i, role in enumerate(roles, start=1):
        asker.say(wrap(role.name, f"  {i:>2}. ", "      "))
    asker.say(f"  {len(roles) + 1:>2}. " + _("other"))

    def role_choice(allow_other: bool) -> Callable[[str], object]:
        def parse(raw: str) -> object:
            if not raw:
                return OTHER_ROLE if allow_other else None
            if raw.isdigit() and 1 <= int(raw) <= len(roles) + (1 if allow_other else 0):
                n = int(raw)
                return roles[n - 1].id if n <= len(roles) else OTHER_ROLE
            if allow_other and raw.lower() == OTHER_ROLE:
                return OTHER_ROLE
            found = catalog.resolve_role(raw)
            if found:
                return found
            raise ValueError(
                _("choose a number from 1 to {n} or a role name").format(n=len(roles) + allow_other)
            )

        return parse

    field("current_role", _("Your current role [number, default other]"), role_choice(True))
    field("target_role", _("Role you want to move to (optional) [number]"), role_choice(False))

    def hours(raw: str) -> float:
        return typed_input.parse_hours(raw) if raw else DEFAULT_HOURS

    field(
        "hours_per_week",
        _("Hours a week you can study [{hours}]").format(hours=f"{DEFAULT_HOURS:g}"),
        hours,
    )
    today = dt.date.today()

    def start(raw: str) -> dt.date:
        return typed_input.parse_date(raw) if raw else today

    # The default is shown as it is typed (YYYY-MM-DD), in every language.
    field("start_date", _("Start date [{date}]").format(date=today.isoformat()), start)


def _level_text(level: int | None) -> str:
    return _("skipped (unknown)") if level is None else f"{level} {level_label(level)}"


_NBSP = "\u00a0"


def unbroken(name: str) -> str:
    """``name`` kept on one line by ``wrap`` (which breaks at ASCII spaces only): a question's
    header moves its category whole to the next line rather than leave "software" alone
    there. show_question puts the spaces back."""
    return name.replace(" ", _NBSP)


def _header(session: Session, index: int) -> str:
    """'Question 23 of 92 (about 25 min left) · Category': the time left counts this question
    and every later one not answered yet."""
    order = session.order
    asked = session.asked_levels()
    rest = [order[index], *(s for s in order[index + 1 :] if s not in asked)]
    category = session.catalog.categories[session.catalog.skills[order[index]].category].name
    left = minutes_left(session.catalog, rest)
    return _("Question {number} of {total} (about {left} min left) · {category}").format(
        number=index + 1, total=len(order), left=left, category=unbroken(category)
    )


def adaptive_progress(catalog: Catalog, number: int, at_most: int) -> str:
    """How far the adaptive questionnaire is, honestly: when it stops depends on the answers,
    so not "of N" but what it usually asks (the figure ``duration`` gives, from the benchmark)
    and the most it can ask: 'usually about 51 in all, at most 92'."""
    usual = duration(catalog).adaptive_questions
    if usual >= at_most:  # capped (--max-questions) below the usual length
        return _("at most {most} in all").format(most=at_most)
    if number > usual:
        return _("more than the usual {usual}, at most {most}").format(usual=usual, most=at_most)
    return _("usually about {usual} in all, at most {most}").format(usual=usual, most=at_most)


def show_question(session: Session, asker: Asker, index: int, header: str | None = None) -> None:
    catalog = session.catalog
    skill_id = session.order[index]
    skill = catalog.skills[skill_id]
    asker.say()
    asker.say(wrap(header or _header(session, index)).replace(_NBSP, " "))
    asker.say(wrap(f"{skill.name}: {skill.description}", "", "  "))
    labels = terminal.level_labels()
    for level, text in enumerate(skill.levels):
        asker.say(wrap(text, labels[level], " " * len(labels[level])))
    asked = session.asked_levels()
    suggested = session.suggestion(skill_id)
    if suggested is not None:
        said = _level_text(suggested.level)
        text = (
            _("Suggested from your CV: {level} — {evidence}. Enter keeps it.").format(
                level=said, evidence=suggested.evidence
            )
            if suggested.evidence
            else _("Suggested from your CV: {level}. Enter keeps it.").format(level=said)
        )
        asker.say(wrap(text, "  "))
    elif skill_id in asked:
        # Coming back to a question (b, or a change from the review): what is saved now.
        now = _("Your answer now: {level}; Enter keeps it.")
        asker.say(wrap(now.format(level=_level_text(asked[skill_id])), "  "))


def more_detail(session: Session, asker: Asker, index: int) -> None:
    catalog = session.catalog
    skill = catalog.skills[session.order[index]]
    category = catalog.categories[skill.category]
    asker.say(wrap(f"{category.name}: {category.description}", "  "))
    # Not the name the question shows (a translation's aliases end with the English name,
    # often the same word: "Python"), nor one name twice in other spellings.
    seen = {fold(skill.name)}
    others = []
    for alias in skill.aliases:
        if fold(alias) not in seen:
            seen.add(fold(alias))
            others.append(alias)
    if others:
        also = _("Also called: {aliases}.").format(aliases=", ".join(others))
        asker.say(wrap(also, "  "))
    asker.say(
        wrap(
            _(
                "Rate what you have actually done, not what you know about. Between two levels, "
                "choose the lower. Skip ({skip}) if you cannot say: a skipped skill counts as "
                "unknown, not 0. {review} shows all your answers so far, to change any of them."
            ).format(**_keys()),
            "  ",
        )
    )


def _category_boundary(session: Session, asker: Asker, index: int) -> None:
    """After the last question of a category, say how much remains."""
    catalog = session.catalog
    if index + 1 >= len(session.order):
        return
    here = catalog.skills[session.order[index]].category
    nxt = catalog.skills[session.order[index + 1]].category
    if here != nxt:
        rest = session.order[index + 1 :]
        cats = len({catalog.skills[s].category for s in rest})
        remain = ngettext(
            "-- {category} done. {n} questions in {cats} category remain.",
            "-- {category} done. {n} questions in {cats} categories remain.",
            cats,
        )
        asker.say(
            wrap(remain.format(category=catalog.categories[here].name, n=len(rest), cats=cats))
        )


def _prompt(text: str) -> str:
    # The prompt's own ": " follows the last line, so leave room for it.
    return textwrap.fill(text, max(20, terminal.width() - 2), break_on_hyphens=False)


def ask_one(
    session: Session,
    asker: Asker,
    index: int,
    header: str | None = None,
    *,
    first: bool = False,
    changing: bool = False,
) -> str:
    """Show question ``index`` and ask until the input is valid: 'answered', 'kept' (Enter on
    a question already answered), 'skipped' or 'back'.

    ``first``: there is no previous question to go back to. ``changing``: asked from the
    review, where b goes back to the review and r is not offered again."""
    skill_id = session.order[index]
    show_question(session, asker, index, header)
    while True:
        asked = session.asked_levels()
        keeps = skill_id in asked
        if keeps:
            saved = key(SKIP) if asked.get(skill_id) is None else asked[skill_id]
            prompt = _("Your level [Enter keeps {saved}, {commands}]").format(
                saved=saved, commands=commands()
            )
        else:
            prompt = _("Your level [{commands}]").format(commands=commands())
        raw = asker.ask(_prompt(prompt)).strip().lower()
        if raw == "" and keeps:
            session.confirm(skill_id)  # a CV suggestion kept is confirmed
            asker.say("  " + _("kept: {level}").format(level=_level_text(asked[skill_id])))
            return "kept"
        if clash := level_clash(raw):
            asker.say(wrap(clash, "  "))
            continue
        level = level_of(raw)  # 0-4, or a level's name in any language careerpath speaks
        if level is not None:
            session.record(skill_id, level)
            return "answered"
        if pressed(raw, SKIP):
            session.record(skill_id, None)
            asker.say("  " + _("skipped (recorded as unknown)"))
            return "skipped"
        if pressed(raw, BACK):
            if first and not changing:
                asker.say("  " + _("this is the first question"))
                continue
            return "back"
        if pressed(raw, REVIEW):
            if changing:
                said = _("you are changing an answer from the review: {back} goes back to it")
                asker.say("  " + said.format(back=key(BACK)))
                continue
            review(session, asker)
            show_question(session, asker, index, header)
            continue
        if raw == "?":
            more_detail(session, asker, index)
            continue
        if pressed(raw, QUIT):
            raise Stopped("quit")
        if raw == "":
            alone = (
                _(
                    "Enter alone gives no answer yet: type your level, {levels}; or {skip} to "
                    "skip, {back} to go back to your answers unchanged, ? for more about this "
                    "skill, {quit} to save and quit."
                )
                if changing
                else _(
                    "Enter alone gives no answer yet: type your level, {levels}; or {skip} to "
                    "skip, {back} to go back, {review} to review your answers, ? for more about "
                    "this skill, {quit} to save and quit."
                )
            )
            asker.say(wrap(alone.format(levels=terminal.level_choices(), **_keys()), "  "))
        elif raw.lstrip("-").isdigit():
            wrong = _("{answer} is not a level: enter a whole number from 0 to 4")
            asker.say(wrap(wrong.format(answer=raw), "  "))
        else:
            unknown = _(
                "{answer} is not understood: enter {commands}; a level may also be given by "
                "its name: {names}"
            )
            names = ", ".join(level_words())
            asker.say(
                wrap(unknown.format(answer=repr(raw), commands=commands(), names=names), "  ")
            )


def ask_skills(session: Session, asker: Asker, start: int | None = None) -> None:
    """Ask from ``start`` (default: the first unanswered question) to the end, passing over
    questions answered before (levels confirmed from a CV draft are spread through the
    catalogue). Going back never erases an answer: the earlier question shows it, and Enter
    keeps it."""
    index = session.first_unasked() if start is None else start
    furthest = index  # walking forward again after going back shows each answer on the way
    while index < len(session.order):
        if ask_one(session, asker, index, first=index == 0) == "back":
            index -= 1
            continue
        _category_boundary(session, asker, index)
        index += 1
        if index > furthest:
            asked = session.asked_levels()
            while index < len(session.order) and session.order[index] in asked:
                _category_boundary(session, asker, index)
                index += 1
            furthest = index


def ask_list(
    session: Session, asker: Asker, skill_ids: list[str], label: str = N_("Extra question")
) -> None:
    """Ask the given skills in catalogue order (after an adaptive stop; the CV suggestions
    to confirm)."""
    todo = [s for s in session.order if s in set(skill_ids)]
    i = 0
    while i < len(todo):
        index = session.order.index(todo[i])
        category = session.catalog.categories[session.catalog.skills[todo[i]].category].name
        asked = session.asked_levels()
        waiting = set(session.suggestions())  # in the file, but not the person's answer yet
        rest = [todo[i], *(s for s in todo[i + 1 :] if s not in asked or s in waiting)]
        left = minutes_left(session.catalog, rest)
        header = _("{label} {number} of {total} (about {left} min left) · {category}").format(
            label=_(label), number=i + 1, total=len(todo), left=left, category=unbroken(category)
        )
        if ask_one(session, asker, index, header, first=i == 0) == "back":
            i -= 1
            continue
        i += 1


def confirm_suggestions(session: Session, asker: Asker) -> None:
    """Ask the person to confirm or change each level suggested from their CV, before any
    other question: until confirmed, a suggestion is not their answer."""
    todo = session.suggestions()
    asker.say()
    first = ngettext(
        "First, the {n} level suggested from your CV: for each, Enter keeps the suggestion, "
        "or type your own level.",
        "First, the {n} levels suggested from your CV: for each, Enter keeps the suggestion, "
        "or type your own level.",
        len(todo),
    )
    asker.say(wrap(first.format(n=len(todo))))
    ask_list(session, asker, todo, N_("Suggestion"))
    asker.say(wrap(_("-- Suggestions done. Now the other questions.")))


def ask_adaptive(session: Session, asker: Asker, max_questions: int | None = None) -> str:
    """Ask the most informative question next until the top three roles are settled."""
    from careerpath import adaptive

    catalog = session.catalog
    # While going back (b) over earlier answers: the position, in the order asked, of the one
    # shown. Each shows its saved answer (Enter keeps it); past the last, new questions resume.
    revisit: int | None = None
    while True:
        answers = session.asked_levels()
        asked = list(answers)
        if revisit is not None:
            skill_id = asked[revisit]
            category = catalog.categories[catalog.skills[skill_id].category].name
            header = _("Question {number} · {category} (adaptive: going over your answers)").format(
                number=revisit + 1, category=unbroken(category)
            )
            index = session.order.index(skill_id)
            if ask_one(session, asker, index, header, first=revisit == 0) == "back":
                revisit -= 1
            else:
                revisit = revisit + 1 if revisit + 1 < len(asked) else None
            continue
        state = adaptive.step(catalog, answers)
        reason = adaptive.stop_reason(state, len(answers), max_questions)
        if reason:
            break
        assert state.next_skill is not None  # stop_reason stops when there is none
        index = session.order.index(state.next_skill)
        category = catalog.categories[catalog.skills[state.next_skill].category].name
        limit = min(len(session.order), max_questions or len(session.order))
        progress = adaptive_progress(catalog, len(answers) + 1, limit)
        header = _("Question {number} ({progress}) · {category}").format(
            number=len(answers) + 1, progress=progress, category=unbroken(category)
        )
        if ask_one(session, asker, index, header, first=not answers) == "back":
            revisit = len(asked) - 1
    asker.say()
    asker.say(
        wrap(adaptive.stop_message(reason, len(answers), len(session.order)).capitalize() + ".")
    )
    if reason == "settled":
        names = [catalog.roles[catalog_id].name for catalog_id in state.top_ids(catalog)]
        asker.say(wrap(_("Your closest roles: {roles}.").format(roles=", ".join(names))))
    target = session.answers.person.target_role
    role = catalog.roles.get(target) if target else None
    essentials = [s for s in session.order if s not in answers and _essential(role, s)]
    if reason == "settled" and role is not None and essentials:  # never past --max-questions
        # The ranking is settled, but a plan toward the target rests on its essentials:
        # asked, not estimated (an MLOps target's Kubernetes and CI/CD were never asked).
        asker.say(
            wrap(
                ngettext(
                    "{role}, your target, has {n} essential skill not asked yet: it comes next.",
                    "{role}, your target, has {n} essential skills not asked yet: they come next.",
                    len(essentials),
                ).format(role=role.name, n=len(essentials))
            )
        )
        ask_list(session, asker, essentials, N_("Essential question"))
        answers = session.asked_levels()
    rest = [s for s in session.order if s not in answers]
    if not rest:
        return reason
    rest_target = [s for s in rest if role and s in role.skills]
    options = [ALL, FINISH]
    choices = []
    if rest_target and role is not None:  # (rest_target is empty without a role)
        detail = ngettext(
            "Your plan needs more detail about {role}: ({key}) answer its {n} remaining skill,",
            "Your plan needs more detail about {role}: ({key}) answer its {n} remaining skills,",
            len(rest_target),
        )
        choices.append(detail.format(role=role.name, n=len(rest_target), key=key(TARGET)))
        options.insert(0, TARGET)
    fuller = ngettext(
        "({all}) answer the {n} remaining question for a fuller report, or ({finish}) finish now.",
        "({all}) answer all {n} remaining questions for a fuller report, or ({finish}) finish now.",
        len(rest),
    )
    choices.append(fuller.format(n=len(rest), all=key(ALL), finish=key(FINISH)))
    # One sentence, wrapped as one: each part wrapped alone broke lines mid-sentence.
    asker.say(wrap(" ".join(choices)))
    shown = [key(k) for k in options]

    def choice(raw: str) -> str:
        for marked in options:
            if pressed(raw, marked) or (not raw and marked == FINISH):
                return marked
        raise ValueError(_("enter one of {keys}").format(keys=", ".join(shown)))

    prompt = _("Continue? [{keys}, default {finish}]").format(
        keys="/".join(shown), finish=key(FINISH)
    )
    picked = _ask_until(asker, prompt, choice)
    if picked == TARGET:
        ask_list(session, asker, rest_target)
    elif picked == ALL:
        ask_list(session, asker, rest)
    return reason


def _essential(role: Role | None, skill_id: str) -> bool:
    spec = role.skills.get(skill_id) if role else None
    return bool(spec and spec.essential)


# --- review ----------------------------------------------------------------------------------

SUMMARY_CELL = 38  # the narrowest column of the review; at 80 columns two fit side by side


def summary(session: Session) -> list[str]:
    """The answers given so far by category, compactly: question number, level, skill name.
    The questions not asked yet are counted, not listed (each would take a line, and the
    review's prompt would scroll off): their numbers, where they have any, as ranges."""
    catalog = session.catalog
    asked = session.asked_levels()
    order = session.order
    rated = sum(asked.get(s) is not None for s in order)
    skipped = sum(s in asked and asked[s] is None for s in order)
    unasked = [s for s in order if s not in asked]
    intro = (
        _(
            "Your answers: {rated} rated, {skipped} skipped, {unasked} not asked yet. Each "
            "line: question number in the order asked, level ({levels}; ? skipped), skill."
        )
        if session.adaptive
        else _(
            "Your answers: {rated} rated, {skipped} skipped, {unasked} not asked yet. Each "
            "line: question number, level ({levels}; ? skipped), skill."
        )
    )
    out = [
        "",
        wrap(
            intro.format(
                rated=rated,
                skipped=skipped,
                unasked=len(unasked),
                levels=terminal.level_choices(),
            )
        ),
    ]
    total = terminal.width()
    columns = max(1, total // SUMMARY_CELL)
    cell = total // columns
    digits = len(str(len(order)))
    number = session.numbers()
    for cat_id, category in catalog.categories.items():
        ids = [s for s in order if catalog.skills[s].category == cat_id and s in asked]
        if not ids:
            continue
        if session.adaptive:  # numbered in the order asked: in that order within a category
            ids.sort(key=lambda s: number[s])
        out.append(wrap(category.name))
        heads = {s: f"  {number.get(s, ''):>{digits}} {_level_mark(asked[s])} " for s in ids}
        names = {s: catalog.skills[s].name for s in ids}
        # Side by side only if every name fits its column (two spaces between columns):
        # cut, "Gestão de requisitos e de stak…" could not be told from its neighbours.
        room = cell - 2
        across = columns if all(len(heads[s]) + len(names[s]) <= room for s in ids) else 1
        if across == 1:
            out += [wrap(names[s], heads[s], " " * len(heads[s])) for s in ids]
            continue
        cells = [heads[s] + names[s] for s in ids]
        for row in range(0, len(cells), across):
            line = "".join(c.ljust(cell) for c in cells[row : row + across])
            out.append(line.rstrip())
    if unasked and not session.adaptive:  # each has its number: one may be answered now
        said = ngettext(
            "Not asked yet: question {numbers} (its number answers it now).",
            "Not asked yet: questions {numbers} (a number answers one now).",
            len(unasked),
        )
        out.append(wrap(said.format(numbers=_ranges(number[s] for s in unasked)), "", "  "))
    return out


def _ranges(numbers: Iterable[int]) -> str:
    """Numbers in order as ranges: 3, 5-9, 12-92."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _level_mark(level: int | None) -> str:
    return "?" if level is None else str(level)


def review(session: Session, asker: Asker, *, final: bool = False) -> None:
    """Show every answer (``summary``) and let the person change any of them; return when
    they are done. ``final``: the review before scoring, where end of input means done."""
    for line in summary(session):
        asker.say(line)
    # By the numbers the questions were shown with (the order asked, when adaptive).
    numbered = {number: skill_id for skill_id, number in session.numbers().items()}
    n = len(numbered)
    change = (
        _(
            "Change an answer? [question number 1-{n}, {review} show them again, Enter score "
            "your answers, {quit} save and quit]"
        )
        if final
        else _(
            "Change an answer? [question number 1-{n}, {review} show them again, Enter return "
            "to your question, {quit} save and quit]"
        )
    ).format(n=n, review=key(REVIEW), quit=key(QUIT))
    while True:
        try:
            raw = asker.ask(_prompt(change)).strip()
        except EOFError:
            if final:  # every question is behind us: nothing more to change
                return
            raise
        if not raw:
            return
        if pressed(raw, QUIT):
            raise Stopped("quit")
        if pressed(raw, REVIEW):
            for line in summary(session):
                asker.say(line)
            continue
        if not (raw.isdigit() and 1 <= int(raw) <= n):
            wrong = _("{answer}: enter a question number from 1 to {n}, {review}, Enter or {quit}")
            asker.say(
                wrap(wrong.format(answer=repr(raw), n=n, review=key(REVIEW), quit=key(QUIT)), "  ")
            )
            continue
        number = int(raw)
        skill = session.catalog.skills[numbered[number]]
        index = session.order.index(skill.id)
        category = session.catalog.categories[skill.category].name
        header = _("Change question {number} of {n} · {category} ({back}: back to your answers)")
        header = header.format(number=number, n=n, category=unbroken(category), back=key(BACK))
        if ask_one(session, asker, index, header, changing=True) != "back":
            now = _level_text(session.asked_levels()[skill.id])
            changed = _("Question {number}, {skill}: now {level}.")
            asker.say(wrap(changed.format(number=number, skill=skill.name, level=now), "  "))


def open_session(
    catalog: Catalog,
    *,
    resume: Path | None = None,
    save: Path | None = None,
    force: bool = False,
    strict: bool = False,
) -> Session:
    """The session to ask in the terminal: ``resume`` continued, or a new one saved to
    ``save`` (default: today's file), which replaces a file only with ``force``."""
    if not terminal_available():
        raise UsageError(
            *sentence(
                _(
                    "no terminal to ask questions on: pass {option} FILE (`{command}` writes one "
                    "to fill in)"
                ),
                option=Option("answers"),
                command=next_command("questionnaire", "template", "-o", _("FILE")),
            )
        )
    if resume:
        return Session.resume(catalog, resume, strict=strict)
    return Session.start(catalog, save or default_save_path(), force=force)


NO_RANKING = N_("No skill has a level yet, so there is no ranking to show.")


# After a stop, the roles shown (at most): the full ranking is one command away, and the
# command to resume must stay on the screen below them (an 80x30 terminal).
SO_FAR_SHOWN = 3


def so_far_text(
    result: Assessment | None,
    catalog: Catalog,
    top: int | None = None,
    ranking: str | None = None,
) -> str:
    """After a stop: the best roles the saved answers support (``so_far``), or why none;
    ``ranking``, the command that prints them in full, with the gaps and warnings. Short, so
    that the command to resume, printed after it, is still on the screen."""
    if result is None:
        return _(NO_RANKING)
    # What the saved file says of the skills not answered yet: a session's own file has
    # `unlisted: unknown`; a hand-written file resumed keeps its own rule (by default, what
    # it does not list is level 0), which the intro then states.
    zero = result.known > result.answered
    intro = (
        ngettext(
            "What your saved answers support so far (the {n} skill your file does not list "
            "counts as level 0; answer the other questions to firm it up):",
            "What your saved answers support so far (the {n} skills your file does not list "
            "count as level 0; answer the other questions to firm it up):",
            result.known - result.answered,
        ).format(n=result.known - result.answered)
        if zero
        else _(
            "What your saved answers support so far (skills not answered yet count as "
            "unknown, not as 0; answer them to firm this up):"
        )
    )
    shown = result.ranking[: min(top or SO_FAR_SHOWN, SO_FAR_SHOWN)]
    rows = [
        (
            m.rank,
            m.name,
            format_percent(m.fit),
            format_percent(m.readiness),
            format_percent(m.answered_weight),
        )
        for m in shown
    ]
    headers = ("#", _("role"), _("fit"), _("ready"), _("known"))
    out = [
        "",
        wrap(intro),
        terminal.table(headers, rows, right={0, 2, 3, 4}, columns=terminal.width()),
        wrap(
            _(
                "fit: how closely your profile's shape matches the role's; ready: the share of "
                "the role's required levels you reach; known: how much of it rests on your "
                "answers, not estimates."
            )
        ),
    ]
    if ranking is not None:
        warnings = sum(w.code not in NAME_CODES for w in result.warnings)
        full = (
            ngettext(
                "All {roles} roles, the gaps and {n} warning about these figures:",
                "All {roles} roles, the gaps and {n} warnings about these figures:",
                warnings,
            )
            if warnings
            else _("All {roles} roles and the gaps:")
        )
        out.append(wrap(full.format(roles=len(result.ranking), n=warnings)))
        out.append(terminal.shell_lines("  ", ranking, terminal.columns()))
    return "\n".join(out)


def so_far(session: Session, target: str | None = None) -> Assessment | None:
    """The ranking the saved answers support (skills not answered yet are unknown, as a
    session's file says), with its warnings; None when no skill is answered yet."""
    from careerpath.answers import profile_from
    from careerpath.scoring import assess

    profile = profile_from(session.answers, session.catalog, str(session.path))
    if not profile.rated:  # levels nobody gave (a file listing no skill) rank nobody
        return None
    return assess(profile, session.catalog, profile.target(target))


@contextmanager
def sigterm_stops() -> Iterator[None]:
    """Turn SIGTERM into Stopped so the caller can report; answers are already on disk."""

    def handler(signum: int, frame: object) -> None:
        raise Stopped("terminated")

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (e.g. some test runners): nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def interview(
    session: Session,
    asker: Asker,
    *,
    adaptive: bool = False,
    max_questions: int | None = None,
    stopped: Callable[[], None] | None = None,
) -> bool:
    """Run the questionnaire; True when every question was asked, False when stopped.

    Every answer is saved before the next question, so stopping never loses one. The
    session's ``warnings`` are not said here: they go to standard error, as every command's
    warnings do, not among the questions on standard output. After a stop, ``stopped`` is
    called between the line that says so and the command to resume, which stays last."""
    asker.say(_("Your answers are saved to {path} after every answer.").format(path=session.path))
    session.tell = lambda text: asker.say(wrap(text))
    session.adaptive = adaptive
    asker.say(wrap(duration(session.catalog).text(adaptive)))
    asker.say(
        wrap(_("Answer each skill from 0 to 4; {keys}.").format(keys=_(KEYS).format(**_keys())))
    )
    try:
        with sigterm_stops():
            if not session.person_done():
                ask_person(session, asker)
            if session.suggestions():
                confirm_suggestions(session, asker)
            if adaptive:
                ask_adaptive(session, asker, max_questions)
                review(session, asker, final=True)
                asker.say()
                asker.say(_("Done. Your answers are in {path}.").format(path=session.path))
                return True
            ask_skills(session, asker)
            review(session, asker, final=True)
    except (Stopped, EOFError, KeyboardInterrupt) as exc:
        # Always save: the stop may have cut short the save of the last answer.
        session.save()
        if isinstance(exc, Stopped):
            session.stopped = exc.reason
        else:
            session.stopped = (
                "interrupted" if isinstance(exc, KeyboardInterrupt) else "end of input"
            )
        reason = (
            _(STOP_REASON.get(exc.reason, exc.reason))
            if isinstance(exc, Stopped)
            else _(STOP_REASON["interrupted"])
        )
        # Counted, not the first unanswered one: the review can answer any question.
        waiting = len(session.suggestions())
        done = len(set(session.asked_levels()) & set(session.order)) - waiting
        asker.say()
        skipped = sum(v is None for v in session.asked_levels().values())
        notes = [
            ngettext(
                "{n} skipped, which counts as unknown", "{n} skipped, which count as unknown", n
            ).format(n=n)
            for n in (skipped,)
            if n
        ]
        notes += [
            ngettext(
                "{n} suggested from your CV still to confirm",
                "{n} suggested from your CV still to confirm",
                n,
            ).format(n=n)
            for n in (waiting,)
            if n
        ]
        said = (
            _("Stopped ({reason}). {done} of {total} questions asked so far ({notes}).")
            if notes
            else _("Stopped ({reason}). {done} of {total} questions asked so far.")
        )
        asker.say(
            wrap(
                said.format(
                    reason=reason, done=done, total=len(session.order), notes="; ".join(notes)
                )
            )
        )
        if stopped is not None:  # what the answers so far support, before the way on
            stopped()
            asker.say()
        # A path or a command stays on one line of its own, whole, to be copied.
        asker.say(_("All saved in {path}.").format(path=session.path))
        command = resume_command(session.path, adaptive=adaptive)
        line = _("Resume with:  {command}").format(command=command)
        room = terminal.columns()  # None: a file or a pipe, where a line is never too long
        if room is None or len(line) <= room:
            asker.say(line)
        else:  # a long file name: the command on a line of its own, not cut by the terminal
            asker.say(_("Resume with:"))
            asker.say(f"  {command}")
        return False
    asker.say()
    asker.say(_("Done: all {n} questions asked.").format(n=len(session.order)))
    asker.say(_("Your answers are in {path}.").format(path=session.path))
    return True


# Why a session stopped (Stopped.reason, an id), as the closing line says it.
STOP_REASON = {
    "quit": N_("quit"),
    "terminated": N_("terminated"),
    "interrupted": N_("interrupted"),
}


def stop_status(session: Session) -> int:
    """The exit status of a command whose questionnaire stopped early: a signal's as a shell
    reports one (Ctrl-C 130, SIGTERM 143), so that a script can tell the person pressed
    Ctrl-C; 1 (not finished) for q and the end of input."""
    if session.stopped == "interrupted":
        return EXIT_INTERRUPTED
    if session.stopped == "terminated":
        return EXIT_TERMINATED
    return 1


def next_steps(
    path: Path, profile: Profile, assessment: Assessment, limit: int | None = None
) -> list[str]:
    """What to run with a finished answers file, printed after the ranking (the last thing
    on the screen). Without a target role, a plan or report needs one: the closest role
    that is not the person's current one is named, so the commands run as printed. With a
    ``limit`` (a terminal's width), each command is broken to fit and still runs copied
    whole (``terminal.shell_lines``), and the note is wrapped."""
    target = assessment.target
    hint = None
    if target is None:
        current = profile.person.current_role
        others = [m.role for m in assessment.ranking if m.role != current]
        if not others:
            return []
        target = others[0]
        hint = (
            _("({role} is your closest role; any role of `{command}` works.)")
            if assessment.ranking[0].role == target
            else _(
                "({role} is your closest role after your current one; any role of "
                "`{command}` works.)"
            )
        ).format(role=target, command=next_command("roles"))
    chosen = [] if profile.person.target_role else ["--target", target]
    commands = [
        (_("Next: {command}"), next_command("plan", "--answers", path, *chosen)),
        (
            _("  or: {command}"),
            next_command("report", "--answers", path, *chosen, "-o", "report.html"),
        ),
    ]
    # Broken only where the command ends its sentence (a translation may put it elsewhere).
    lines = [
        terminal.shell_lines(sentence.removesuffix("{command}"), command, limit)
        if sentence.endswith("{command}")
        else sentence.format(command=command)
        for sentence, command in commands
    ]
    if hint and limit is not None:
        hint = "\n".join(textwrap.wrap(hint, limit, break_on_hyphens=False))
    return [*lines, hint] if hint else lines


def terminal_available() -> bool:
    """Whether the standard input we read answers from is a terminal."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (OSError, ValueError):  # closed or detached
        return False


# --- the questionnaire as a file --------------------------------------------------------------


def comment(text: str, first: str = "# ", rest: str | None = None) -> list[str]:
    """``text`` as YAML comment lines: ``first`` starts the first line, ``rest`` (the same by
    default) every further one. Catalogue text is split on every line break YAML knows (NEL
    and U+2028 too) and each piece has its controls escaped, so none can end the comment and
    become YAML, nor a terminal control when the template is printed."""
    rest = first if rest is None else rest
    pieces = text.splitlines() or [""]
    return [(first if i == 0 else rest) + printable(piece) for i, piece in enumerate(pieces)]


def _yaml_string(text: str) -> str:
    # Double-quoted and ASCII: PyYAML writes every escape itself, and reads them back alike.
    return yaml.safe_dump(text, default_style='"', allow_unicode=False, width=10**6).strip()


def _field(key: str, note: str) -> list[str]:
    """A key of the blank answers file with its note as a comment, at column 25."""
    return comment(note, f"{key:<24}# ", " " * 24 + "# ")


def template_written(path: Path) -> str:
    """What ``questionnaire template -o`` says once the blank file is written: where, and the
    command that scores it once filled in."""
    done = _("Template written to {file}: fill it in, then run `{command}`")
    return done.format(file=path, command=next_command("assess", "--answers", path))


def template(catalog: Catalog) -> str:
    """A blank answers file: every skill commented with its level descriptors. The comments
    are in the current language; the keys, ids and the example are YAML, the same in all."""
    roles = ", ".join(catalog.roles)
    out = [
        *comment(_("careerpath self-assessment")),
        *comment(f"{catalog.info.name} {catalog.version}", "# " + _("Catalogue: "), "#   "),
        "#",
        # One message with its line breaks: the translation breaks its own lines.
        *comment(
            _(
                "Rate each skill from 0 to 4 by what you have actually done (the descriptions "
                "below\nsay what each level means). Leave a level empty if you cannot say: an "
                "empty level\ncounts as unknown, not as 0. A skill you delete from the list "
                "counts as 0.\nA level may carry evidence and interest:"
            )
        ),
        # The example's evidence is what a reader of the language would write.
        "#   spark: {level: 3, evidence: "
        + yaml.safe_dump(
            _("Built the nightly Spark ETL"), default_style='"', allow_unicode=True, width=10**6
        ).strip()
        + ", interest: 2}",
        *comment(
            _("Then run:  {command}").format(
                command=next_command("assess", "--answers", _(THIS_FILE))
            )
        ),
        "",
        "schema_version: 1",
        f"catalog_version: {_yaml_string(catalog.version)}",
        *_field("assessed_on:", _("the date you fill this in, YYYY-MM-DD")),
        "",
        "person:",
        *_field("  name:", _("optional; leave empty to stay anonymous")),
        *_field("  current_role:", _("one of: {roles}, or other").format(roles=roles)),
        *_field("  target_role:", _("optional: the role you want to move to")),
        *_field("  hours_per_week:", _("hours a week you can study (default 6)")),
        *_field("  start_date:", _("when you want to start, YYYY-MM-DD (default today)")),
        "",
        "skills:",
    ]
    for cat_id, cat in catalog.categories.items():
        # The rule's length counts the name as written, not as escaped (as before).
        rule = " " + "-" * max(3, 70 - len(cat.name))
        heading = comment(cat.name, "  # --- ", "  #     ")
        out += ["", *heading[:-1], heading[-1] + rule]
        for skill in catalog.skills_in(cat_id):
            out += comment(f"{skill.name}: {skill.description}", "  # ", "  #   ")
            for level, text in enumerate(skill.levels):
                label = f"  #   {level} {level_label(level)}: "
                out += comment(text, label, "  #     ")
            out.append(f"  {skill.id}:")
    return "\n".join(out) + "\n"
