"""A mentor's group as ``cohort`` and ``team`` read it: everyone in the answers files and
JSON Lines files given, read on the process pool or on a Dask cluster; the files read (which
an output may not overwrite); and, once the output is out, the error that some file could
not be used. Who is in the group and how they score is ``cohort``'s."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from careerpath.catalog import Catalog
from careerpath.cohort import ReadAll, Record, answer_files, load_group
from careerpath.errors import CareerPathError
from careerpath.i18n import ngettext
from careerpath.profile import NOTICES_SHOWN, group_notices

if TYPE_CHECKING:
    from careerpath.batch import Executor
    from careerpath.models.outputs import Skipped


class UnusableFiles(CareerPathError):
    """Some of a group's files could not be used (each listed as it was skipped); the output
    was made from the others."""


@dataclass(frozen=True)
class Group:
    paths: list[Path]  # as given: files and folders
    people: list[Record]
    skipped: list[Skipped]

    def notices(self) -> list[str]:
        """What the files' names call for (an unknown skill or current role, a second name
        of one skill), each said once however many files share it (``group_notices``), and
        at most NOTICES_SHOWN of a file's own, as every command says them: a JSON Lines
        export of thousands of people, each with a name of their own, stays readable."""
        return group_notices(
            (p for person in self.people for p in person.notices), shown=NOTICES_SHOWN
        )

    def files(self) -> list[Path]:
        """Every answers file the group was read from (an output may not be one of them)."""
        return answer_files(self.paths, many=True)

    def check_all_used(self) -> None:
        """Raise :class:`UnusableFiles` if some file could not be used; blank templates and
        copies are left out by design and are no error."""
        invalid = [s for s in self.skipped if s.kind == "invalid"]
        if not invalid:
            return
        # Each line of a JSON Lines file is a person's answers.
        lines = any(s.json_lines for s in invalid)
        n, used = len(invalid), len(self.people)
        unusable = (
            ngettext(
                "{n} file or line could not be used (listed above)",
                "{n} files or lines could not be used (listed above)",
                n,
            )
            if lines
            else ngettext(
                "{n} file could not be used (listed above)",
                "{n} files could not be used (listed above)",
                n,
            )
        )
        # How many were used, not "the others": blank templates and copies were left out too.
        others = ngettext("{used} other was used", "{used} others were used", used)
        raise UnusableFiles(f"{unusable.format(n=n)}; {others.format(used=used)}")


def read_group(
    paths: list[Path],
    catalog: Catalog,
    *,
    strict: bool = False,
    keep_going: bool = True,
    jobs: int | None = None,
    executor: Executor = "process",
    scheduler: str | None = None,
) -> Group:
    """Everyone in ``paths`` (see ``cohort.load_group``), read on ``jobs`` processes, or with
    ``executor="dask"`` on the cluster at ``scheduler`` (else a LocalCluster of ``jobs``
    workers) and scored here."""
    with contextlib.ExitStack() as stack:
        read_all: ReadAll | None = None
        if executor == "dask":
            from careerpath import batch, cluster

            c = stack.enter_context(cluster.client(scheduler, jobs or batch.default_jobs()))
            read_all = cluster.read_all(c, catalog, strict, scheduler)
        people, skipped = load_group(
            paths, catalog, strict=strict, keep_going=keep_going, jobs=jobs, read_all=read_all
        )
    return Group(paths, people, skipped)
