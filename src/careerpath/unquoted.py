"""A role or skill name of several words written without quotes on the command line.

The shell splits ``--target Domain Expert`` into ``--target Domain`` and a stray ``Expert``,
which the command line refuses as an extra argument. These functions find the words the name
lost and say how to write it: quoted, or by its id."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from careerpath.i18n import _

if TYPE_CHECKING:
    from careerpath.catalog import Catalog

Kind = Literal["role", "skill"]


def spread(words: Sequence[str], flags: Sequence[str], value: str) -> list[str]:
    """The words the shell split off ``value``: those after it in ``words`` up to the next
    option. ``value`` is what an option among ``flags`` was given (``--target Domain`` or
    ``--target=Domain``), or an argument's value if ``flags`` is empty. [] if none follow."""
    for at, word in enumerate(words):
        if flags:
            joined = any(word == f"{flag}={value}" for flag in flags if flag.startswith("--"))
            given = joined or (word in flags and at + 1 < len(words) and words[at + 1] == value)
            start = at + (1 if joined else 2)
        else:
            given = word == value
            start = at + 1
        if not given:
            continue
        rest: list[str] = []
        for later in words[start:]:
            if later.startswith("-"):
                break
            rest.append(later)
        if rest:
            return rest
    return []


def name_hint(catalog: Catalog | None, kind: Kind, flag: str | None, name: str) -> str:
    """How to write ``name`` (several words) so that it reaches the command whole: in quotes,
    after ``flag`` if it is an option's value; and by the id of the role or skill it names in
    ``catalog``, if it names one (ids have no spaces)."""
    before = f"{flag} " if flag else ""
    quoted = f'{before}"{name}"'
    found = None
    if catalog is not None:
        found = catalog.resolve_role(name) if kind == "role" else catalog.resolve_skill(name)
    if found is None:
        return _("a name with spaces needs quotes: {quoted}").format(quoted=quoted)
    if kind == "role":
        message = _("a role name with spaces needs quotes: {quoted}, or give its id: {id}")
    else:
        message = _("a skill name with spaces needs quotes: {quoted}, or give its id: {id}")
    return message.format(quoted=quoted, id=f"{before}{found}")
