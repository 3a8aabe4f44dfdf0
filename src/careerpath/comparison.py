"""Re-assessment comparison: what changed between two answers files of the same person."""

from __future__ import annotations

import datetime as dt

from careerpath.catalog import Catalog
from careerpath.errors import CatalogMismatch, DifferentPeople, Option, sentence
from careerpath.i18n import _
from careerpath.models.inputs import StepProgress
from careerpath.models.outputs import Comparison, RoleChange, SkillMove, StepDone
from careerpath.profile import Profile
from careerpath.scoring import assess, role_gaps


def _same_name(a: str, b: str) -> bool:
    # "Daniel  Okafor" and "daniel okafor" are one person's spelling, not two people.
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


_FINISHED = ("done", "skipped")


def _newer(before: StepProgress | None, after: StepProgress | None) -> tuple[StepProgress, bool]:
    """The newer of one step's records in the earlier and the later file, and whether it is
    the earlier file's: the later-dated one; the later file's when the dates tie or either is
    missing, except that an undated record saying what a dated one says is that same record.
    (People keep ticking steps off in the file they have, so either file may hold the newer.)"""
    if after is None:
        assert before is not None
        return before, True
    if before is None:
        return after, False
    if before.date and after.date and before.date > after.date:
        return before, True
    if after.date is None and before.date and after.status == before.status:
        return before, True
    return after, False


def _done_between(
    record: StepProgress,
    from_earlier: bool,
    finished_earlier: bool,
    since: dt.date | None,
    until: dt.date | None,
) -> bool:
    """Whether a step's newer record says it was finished (done or skipped) between the two
    assessments: dated from the first assessment to the second (each bound where the file
    gives it). An undated record counts only if the later file is the first to finish the
    step; finished undated in the earlier file, it may well be from before its assessment."""
    if record.status not in _FINISHED:
        return False
    if record.date is None:
        return not from_earlier and not finished_earlier
    return (since is None or record.date >= since) and (until is None or record.date <= until)


def check_versions(old: Profile, new: Profile, catalog: Catalog) -> None:
    """Levels answered against different catalogues may mean different things: refuse."""
    a, b = old.answers.catalog_version, new.answers.catalog_version
    allow = Option("allow_catalog_change")
    if a and b and a != b:
        raise CatalogMismatch(
            *sentence(
                _(
                    "{old} was answered against catalogue version {a} and {new} against {b}; "
                    "skills or level descriptors may have changed between them, so the "
                    "comparison would mislead. Re-assess both with one catalogue, or pass "
                    "{allow}."
                ),
                **{"old": old.source, "a": a, "new": new.source, "b": b, "allow": allow},
            )
        )
    for profile, version in ((old, a), (new, b)):
        if version and version != catalog.version:
            values = {"file": profile.source, "version": version, "in_use": catalog.version}
            raise CatalogMismatch(
                *sentence(
                    _(
                        "{file} was answered against catalogue version {version}, but the "
                        "catalogue in use is {in_use}; pass {data_dir} with the matching "
                        "catalogue, or {allow}."
                    ),
                    **values,
                    data_dir=Option("data_dir"),
                    allow=allow,
                )
            )


def compare(
    old: Profile,
    new: Profile,
    catalog: Catalog,
    target: str | None = None,
    *,
    allow_catalog_change: bool = False,
    different_people: bool = False,
) -> Comparison:
    """What changed from ``old`` to ``new``. Two files that name different people are refused
    unless ``different_people``: a "progress" between two people measures nobody."""
    if not allow_catalog_change:
        check_versions(old, new, catalog)
    notes = []
    a_name, b_name = old.person.name, new.person.name
    if a_name and b_name and not _same_name(a_name, b_name):
        if not different_people:
            raise DifferentPeople(
                *sentence(
                    _(
                        '{old} names "{a}" and {new} names "{b}": compare shows one person\'s '
                        "progress between two assessments; pass {option} to compare two "
                        "people anyway"
                    ),
                    old=old.source,
                    a=a_name,
                    new=new.source,
                    b=b_name,
                    option=Option("different_people"),
                )
            )
        notes.append(
            _('the two files name different people ("{a}" and "{b}")').format(
                a=old.person.name, b=new.person.name
            )
        )
    a_on, b_on = old.answers.assessed_on, new.answers.assessed_on
    if a_on and b_on and a_on > b_on:
        notes.append(_("the 'old' file was assessed after the 'new' one; check the order"))
    target_id = (
        catalog.role(target).id if target else new.person.target_role or old.person.target_role
    )
    up: list[SkillMove] = []
    down: list[SkillMove] = []
    fresh: list[SkillMove] = []
    for skill_id, skill in catalog.skills.items():
        a, b = old.levels.get(skill_id), new.levels.get(skill_id)
        if a == b or b is None:
            continue
        if a is None:
            fresh.append(SkillMove(skill=skill_id, name=skill.name, before=None, after=b))
            continue
        move = SkillMove(skill=skill_id, name=skill.name, before=a, after=b, change=b - a)
        (up if b > a else down).append(move)
    up.sort(key=lambda m: (-(m.change or 0), m.skill))
    down.sort(key=lambda m: (m.change or 0, m.skill))
    before, after = assess(old, catalog), assess(new, catalog)
    rank_b = {m.role: m for m in before.ranking}
    roles = [
        RoleChange(
            role=m.role,
            name=m.name,
            fit_before=rank_b[m.role].fit,
            fit_after=m.fit,
            readiness_before=rank_b[m.role].readiness,
            readiness_after=m.readiness,
            rank_before=rank_b[m.role].rank,
            rank_after=m.rank,
        )
        for m in after.ranking
    ]
    closed, opened = [], []
    if target_id:
        # Only a level known both times can close or open a gap: one that became unknown
        # closed nothing, and one first rated now was a gap before nobody knew of.
        both = old.levels.keys() & new.levels.keys()
        gaps_b = {g.skill for g in role_gaps(old, catalog, target_id) if g.weighted_gap} & both
        gaps_a = {g.skill for g in role_gaps(new, catalog, target_id) if g.weighted_gap} & both
        closed = sorted(gaps_b - gaps_a)
        opened = sorted(gaps_a - gaps_b)
    completed = []
    earlier, later = old.answers.progress, new.answers.progress
    for step in sorted(earlier.keys() | later.keys()):
        record, from_earlier = _newer(earlier.get(step), later.get(step))
        finished_earlier = step in earlier and earlier[step].status in _FINISHED
        if _done_between(record, from_earlier, finished_earlier, a_on, b_on):
            date = record.date.isoformat() if record.date else None
            completed.append(StepDone(step=step, status=record.status, date=date))
    return Comparison(
        before=old.source,
        after=new.source,
        assessed_before=str(old.answers.assessed_on) if old.answers.assessed_on else None,
        assessed_after=str(new.answers.assessed_on) if new.answers.assessed_on else None,
        target=target_id,
        moved_up=up,
        moved_down=down,
        newly_answered=fresh,
        roles=roles,
        gaps_closed=closed,
        gaps_opened=opened,
        steps_completed=completed,
        notes=notes,
    )
