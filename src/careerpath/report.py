"""Reports: what goes into one (the assessment, the plan, the person's answers), its date,
its suggested file name and what `report --json` prints. The order of the work is
careerpath.pipeline's; rendering (HTML, PDF, charts) is careerpath.render's, where jinja2 and
WeasyPrint are imported, inside functions.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerpath.catalog import Catalog
from careerpath.errors import printable
from careerpath.i18n import _
from careerpath.planner import starts_in_past
from careerpath.profile import Profile, resume_command, resume_in_words
from careerpath.render.charts import level_pairs, progress_chart, role_bars, timeline
from careerpath.render.document import Format
from careerpath.render.html import render_html
from careerpath.settings import Settings

if TYPE_CHECKING:
    from careerpath.models.outputs import Assessment, Plan, PostingMatch

PAPER = {"a4": "A4", "letter": "letter"}


def report_date(explicit: dt.date | None = None) -> dt.date:
    """``--date``, else ``SOURCE_DATE_EPOCH`` (reproducible builds), else today."""
    if explicit:
        return explicit
    built = Settings.read().build_time()
    return built.date() if built else dt.date.today()


def without_source(message: str, source: str) -> str:
    """A warning with the answers file's name left out, in words: "F:3: skills.x: ..." reads
    "line 3 of the answers file: skills.x: ...", the command that continues F's
    questionnaire "`careerpath assess --resume` (followed by your answers file)" (not a
    command with "the answers file" for its file, which does not run), and "F" anywhere else
    "the answers file" (the name whole: not "ana.yaml" inside "joana.yaml")."""
    for adaptive in (True, False):
        command = f"`{resume_command(source, adaptive=adaptive)}`"
        message = message.replace(command, resume_in_words(adaptive=adaptive))
    for name in dict.fromkeys((printable(source), source)):  # as a notice prints it, or not
        whole = r"(?<![\w./\\-])" + re.escape(name)
        message = re.sub(
            whole + r":(\d+)(?!\d)",
            lambda m: _("line {line} of the answers file").format(line=m[1]),
            message,
        )
        message = re.sub(whole + r"(?![\w.-])", lambda m: _("the answers file"), message)
    return message


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40]


def suggested_name(kind: str, profile: Profile, when: dt.date, fmt: Format, redact: bool) -> Path:
    name = None if redact else profile.person.name
    parts = (
        ["careerpath", kind] + ([slug(name)] if name and slug(name) else []) + [when.isoformat()]
    )
    return Path("-".join(parts) + f".{fmt}")


def report_html(
    profile: Profile,
    catalog: Catalog,
    assessment: Assessment,
    plan: Plan | None,
    *,
    when: dt.date,
    paper: str = "a4",
    mentor_notes: str | None = None,
    redact: bool = False,
    plan_only: bool = False,
    posting: PostingMatch | None = None,
) -> str:
    """The report's HTML; ``posting`` adds the section "This posting"."""
    target = assessment.target
    groups: dict[str, list[dict[str, Any]]] = {}  # by category, in catalogue order
    skipped = profile.skipped
    for skill_id, skill in catalog.skills.items():
        # What the person wrote, not the 0 of an unlisted skill; a skill listed with no level
        # (skipped: `hadoop:`) too, as unknown, or the appendix hides that it was asked.
        if skill_id in profile.rated or skill_id in skipped:
            groups.setdefault(catalog.categories[skill.category].name, []).append(
                {
                    "skill": skill.name,
                    "level": profile.levels.get(skill_id) if skill_id in profile.rated else None,
                    "interest": profile.interest.get(skill_id),
                    "evidence": None if redact else profile.evidence.get(skill_id),
                    "suggested": skill_id in profile.suggested,
                    "skipped": skill_id in skipped,
                }
            )
    warnings = [w.message for w in assessment.warnings]
    if redact:  # the file's name is often the person's (ana.yaml)
        warnings = [without_source(m, profile.source) for m in warnings]
    return render_html(
        "report.html.j2",
        kind="plan" if plan_only else "report",
        warnings=warnings,
        person_name=None if redact else profile.person.name,
        redacted=redact,
        when=when,
        paper=PAPER[paper],
        catalog=catalog,
        assessment=assessment,
        target=catalog.roles[target] if target else None,
        target_match=assessment.match(target) if target else None,
        plan=plan,
        # The planner's rule, on the report's date (the date the plan was made for).
        starts_in_past=bool(plan and starts_in_past(plan.start_date, when)),
        role_bars=role_bars(assessment, target),
        level_groups=level_pairs(profile, catalog, target) if target else [],
        timeline=timeline(plan, today=when) if plan else None,
        progress=progress_chart(plan) if plan else None,
        mentor_notes=None if redact else mentor_notes,
        posting=posting,
        answer_groups=[{"category": c, "rows": rows} for c, rows in groups.items()],
        suggested=len(profile.suggested),
        fingerprints={
            "catalog": catalog.fingerprint,
            "answers": profile.fingerprint,
        },
    )
