"""A draft answers file from a CV: the skills the CV shows, with suggested levels, for the
person to confirm.

``careerpath prefill CV -o draft.yaml`` reads the CV (``document_text``), finds the
catalogue's skills in it (``extraction``, whose docstring gives the method) and writes an
ordinary answers file: each skill found with its suggested level, the CV sentence that shows
it quoted as evidence with its page or line, and ``suggested: true``; every other skill listed
with no level, which is unknown, never 0. ``careerpath assess --resume draft.yaml`` then asks
the person to confirm or change each suggestion and answers the rest.

Nothing leaves the machine, and nothing of the CV is copied but the quoted sentences.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from careerpath.answers import dump_answers, save_answers
from careerpath.catalog import Catalog
from careerpath.commands import next_command
from careerpath.document_text import DocumentText, Passage, read_document_text
from careerpath.errors import InputError
from careerpath.extraction import Finding, find_skills, without_contact_details
from careerpath.i18n import N_, SUPPORTED, _, current, gettext_in, ngettext, ngettext_in
from careerpath.models import Answers, SkillAnswer
from careerpath.output import check_writable
from careerpath.profile import resume_command
from careerpath.questionnaire import comment


@dataclass(frozen=True)
class Draft:
    """What ``prefill`` makes of one CV: the draft answers and the findings behind them."""

    cv: str  # the CV's name as the user gave it
    answers: Answers
    findings: tuple[Finding, ...]


def evidence_of(passage: Passage) -> str:
    """A CV sentence as quoted evidence: '"Led the migration to Kafka." (page 1, line 3)',
    its contact details left out (``extraction.without_contact_details``)."""
    text = without_contact_details(passage.text)
    return _('"{text}" ({where})').format(text=text, where=passage.where())


def draft_from(doc: DocumentText, catalog: Catalog, name: str | None = None) -> Draft:
    """The draft answers for a CV already read; InputError if it shows no catalogue skill."""
    name = name or str(doc.path)
    findings = find_skills(doc, catalog)
    if not findings:
        raise InputError.single(
            name,
            _(
                "no skill of the catalogue found in it (a scanned PDF has no text to read); "
                "answer the questionnaire instead with `{command}`"
            ).format(command=next_command("assess")),
        )
    by_skill = {f.skill: f for f in findings}
    skills: dict[str, SkillAnswer | None] = {}
    for skill_id in catalog.skills:  # catalogue order: the order the questionnaire asks
        finding = by_skill.get(skill_id)
        skills[skill_id] = (
            None
            if finding is None
            else SkillAnswer(
                level=finding.level, evidence=evidence_of(finding.passages[0]), suggested=True
            )
        )
    # unlisted: unknown as well, so that a skill someone deletes from the draft stays unknown.
    answers = Answers(catalog_version=catalog.version, unlisted="unknown", skills=skills)
    return Draft(name, answers, tuple(findings))


def prefill(path: str | os.PathLike[str], catalog: Catalog, name: str | None = None) -> Draft:
    """Read the CV at ``path`` and draft answers from it."""
    name = name or str(path)
    return draft_from(read_document_text(path, name), catalog, name)


# The draft's header (``draft_header``): where it came from, what a suggestion is, and the
# command that confirms them; once none is left, ``settled_header`` says what the file is.
# One paragraph, its lines as written: the English lines break where they always have.
SUGGESTED = N_(
    "Each level marked `suggested: true` is a suggestion, not yet your answer; its\n"
    "evidence quotes the CV sentence it comes from. To confirm or change each one\n"
    "(Enter keeps it) and answer the rest, run:"
)
UNKNOWN = N_("Skills listed with no level are unknown, not 0, until you answer them.")
# What the header says instead once no level is a suggestion any more (``settled_header``).
SETTLED = N_(
    "Your answers, started from a draft of the CV {cv} made by `careerpath prefill`: every "
    "level it suggested is now confirmed or changed by you."
)


def draft_header(draft: Draft, output: str | None = None) -> str:
    """Comment lines saying where the draft came from and what next (``output``: the file it
    goes to, for the command to run)."""
    count = len(draft.findings)
    head = [
        *comment(_found(count).format(cv=draft.cv, count=count)),
        *(f"# {line}" for line in _(SUGGESTED).splitlines()),
        *comment(resume_command(output or None), "#   "),
        "# " + _(UNKNOWN),
    ]
    return "\n".join(head) + "\n"


def settled_header(text: str) -> str:
    """An answers file's ``text`` with the draft header ``draft_header`` wrote (in any
    language) replaced by one line saying what the file is now, for a draft whose every
    suggestion is confirmed or changed: the header said to confirm them. Anything else in
    the text, and a header the person edited, stays as it is."""
    lines = text.split("\n")
    for lang in SUPPORTED:
        cv = _draft_cv(lines[0], lang)
        paragraph = [f"# {line}" for line in gettext_in(lang, SUGGESTED).splitlines()]
        end = 1 + len(paragraph)
        if (
            cv is None
            or lines[1:end] != paragraph
            or len(lines) < end + 2
            or not lines[end].startswith("#   ")
            or lines[end + 1] != "# " + gettext_in(lang, UNKNOWN)
        ):
            continue
        head = comment(_(SETTLED).format(cv=cv))
        return "\n".join([*head, *lines[end + 2 :]])
    return text


def _found(count: int, lang: str | None = None) -> str:
    """The first line of a draft's header, in ``lang`` (default: the current language)."""
    ngettext = partial(ngettext_in, lang or current())  # the name `pybabel extract` finds
    return ngettext(
        "A draft from the CV {cv}, made by `careerpath prefill`: {count} skill found in it.",
        "A draft from the CV {cv}, made by `careerpath prefill`: {count} skills found in it.",
        count,
    )


def _draft_cv(line: str, lang: str) -> str | None:
    """The CV's name in the first line of a draft's header in ``lang``, or None if ``line``
    is not one."""
    for n in (1, 2):
        said = comment(_found(n, lang).format(cv="@@cv@@", count="@@n@@"))[0]
        pattern = re.escape(said).replace("@@cv@@", "(?P<cv>.+)").replace("@@n@@", r"\d+")
        found = re.fullmatch(pattern, line)
        if found:
            return found["cv"]
    return None


def draft_text(draft: Draft, output: str | None = None) -> str:
    """The draft as an answers file, its header first."""
    return draft_header(draft, output) + dump_answers(draft.answers)


def write_draft(
    draft: Draft,
    output: str | os.PathLike[str],
    *,
    force: bool = False,
    cv: str | os.PathLike[str] | None = None,
) -> Path:
    """Write the draft to ``output`` (never over an existing file without ``force``, never
    over the CV itself)."""
    head = draft_header(draft, str(output))
    return save_answers(draft.answers, output, force=force, head=head, inputs=[cv] if cv else ())


def prefill_into(
    cv: str | os.PathLike[str], catalog: Catalog, output: Path, *, force: bool = False
) -> tuple[Draft, Path]:
    """``prefill`` written to ``output``, which is checked before the CV is read (the
    reading is the slow part): never over a file without ``force``, never over the CV."""
    check_writable(output, force, inputs=[cv])
    draft = prefill(cv, catalog)
    return draft, write_draft(draft, output, force=force, cv=cv)


def written_note(draft: Draft, written: Path) -> str:
    """What ``prefill -o`` says once the draft is written: what it holds and what next."""
    count = len(draft.findings)
    note = ngettext(
        "Draft written to {file}: {count} suggested level from {cv}, the other {unknown} "
        "skills unknown; confirm them with `{command}`",
        "Draft written to {file}: {count} suggested levels from {cv}, the other {unknown} "
        "skills unknown; confirm them with `{command}`",
        count,
    )
    return note.format(
        file=written,
        count=count,
        cv=draft.cv,
        unknown=len(draft.answers.skills) - count,
        command=resume_command(written),
    )
