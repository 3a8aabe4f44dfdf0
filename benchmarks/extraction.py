"""How well careerpath reads CVs and job postings: the hand-labelled set of benchmarks/extraction/.

    python benchmarks/extraction.py [--runs 5] [--no-timing] [--folder benchmarks/extraction-dev]

--folder scores another set in the same layout instead: benchmarks/extraction-dev/ is the
development set extraction is tuned on, so that the held-out figures stay honest (its README
says why); the timings always use the two held-out documents named below.

Each document of the set (12 CVs, 27 postings, benchmarks/extraction/README.md) is read with
``careerpath.document_text.read_document_text`` and its skills are found the way the commands
find them: a CV with ``careerpath.extraction.find_skills`` (what ``prefill`` suggests), a posting
with the posting profile of ``careerpath.posting`` (what ``posting`` asks for, with its required
level). Against the labels it prints

- precision and recall of the skills found, micro-averaged over documents (every document's
  true and false positives summed), for all documents and per kind (CVs, postings);
- the mean absolute error of the suggested levels, over the skills found that are labelled;
- the share of postings whose closest role is the expected one, beside the same share for the
  labelled skills themselves (what a perfect extraction would reach with today's role profiles);
- a confusion list: per document the labelled skills missed, the skills found that are not
  labelled, levels off by two or more, and a wrong closest role; then the skills missed or added
  most often;
- timings of the two commands as a user runs them (fresh processes): ``careerpath prefill`` of
  the 3-page PDF CV and ``careerpath posting`` of a one-page PDF ad, CPU seconds (user + system
  of the child) and wall seconds, the median of --runs runs after one untimed warm-up; beside
  them, as a floor, a bare Python process importing scikit-learn's TfidfVectorizer.

Goals (issue 16): precision >= 0.9, recall >= 0.8, level error <= 0.8, posting role >= 90%,
each command <= 2 s. tests/test_extraction_quality.py holds floors on the same figures, computed
by ``evaluate`` below. Nothing here touches the network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from careerpath.catalog import Catalog, load_catalog  # noqa: E402
from careerpath.documents import read_document, validate  # noqa: E402

SET = ROOT / "benchmarks" / "extraction"
TIMED_CV = "cvs/cv-01-data-engineer.pdf"  # three pages
TIMED_POSTING = "postings/mlops-engineer-02.pdf"  # one page
TIMED_ANSWERS = ROOT / "examples" / "answers" / "data-engineer-to-ml.yaml"
GOALS = {"precision": 0.9, "recall": 0.8, "level MAE": 0.8, "posting role": 0.9, "seconds": 2.0}

Level = Annotated[int, Field(ge=1, le=4)]


class Labels(BaseModel):
    """One label file: what a careful reader finds in one document."""

    model_config = ConfigDict(extra="forbid")

    document: str = Field(description="the labelled file, relative to the set's folder")
    kind: Literal["cv", "posting"]
    role: str | None = Field(None, description="postings: the expected closest role")
    person: str = Field("", description="CVs: who it is, in one line")
    skills: dict[str, Level] = Field(min_length=1, description="catalogue skill id: level")
    notes: str = ""
    # The set's folder (the parent of labels/): set by load_labels, not part of the file.
    _folder: Path = PrivateAttr(default=SET)

    @model_validator(mode="after")
    def _role_for_postings(self) -> Labels:
        if (self.kind == "posting") != (self.role is not None):
            raise ValueError("a posting names its expected role; a CV names none")
        return self

    @property
    def path(self) -> Path:
        return self._folder / self.document

    @property
    def name(self) -> str:
        return Path(self.document).stem


def load_labels(folder: Path = SET / "labels") -> list[Labels]:
    """The label files of one set's labels/ folder; their documents are read from its parent."""
    labels = [validate(read_document(p), Labels) for p in sorted(folder.glob("*.yaml"))]
    for label in labels:
        label._folder = folder.parent
    return labels


@dataclass(frozen=True)
class Outcome:
    """What careerpath found in one labelled document."""

    labels: Labels
    found: dict[str, int]  # skill id: suggested (CV) or required (posting) level
    role: str | None  # postings: the closest role careerpath names
    labelled_role: str | None  # postings: the closest role of the labelled skills themselves

    @property
    def missed(self) -> list[str]:
        return sorted(set(self.labels.skills) - set(self.found))

    @property
    def extra(self) -> list[str]:
        return sorted(set(self.found) - set(self.labels.skills))

    @property
    def level_errors(self) -> dict[str, int]:
        """Found minus labelled level, for the skills both have."""
        return {
            s: self.found[s] - level for s, level in self.labels.skills.items() if s in self.found
        }


def found_in_cv(labels: Labels, catalog: Catalog) -> dict[str, int]:
    from careerpath.document_text import read_document_text
    from careerpath.extraction import find_skills

    doc = read_document_text(labels.path)
    return {f.skill: f.level for f in find_skills(doc, catalog)}


def found_in_posting(labels: Labels, catalog: Catalog) -> tuple[dict[str, int], str | None]:
    """The posting's skills at their required level, and its closest role; nothing and no
    role when the posting reads but no catalogue skill is found in it."""
    from careerpath.document_text import read_document_text
    from careerpath.errors import InputError
    from careerpath.posting import read_posting

    try:
        profile = read_posting(labels.path, catalog)
    except InputError:
        # The command refuses a posting with no skill found; for the benchmark that is a
        # document where everything labelled was missed. One that cannot be read still fails.
        read_document_text(labels.path)
        return {}, None
    return {s.skill: s.level for s in profile.skills}, profile.closest_role


def labelled_role(labels: Labels, catalog: Catalog) -> str:
    """The closest role of a person with exactly the labelled skills (by the fit measure)."""
    from careerpath.answers import parse_answers
    from careerpath.documents import Document
    from careerpath.scoring import assess

    answers = Document(labels.document, {"schema_version": 1, "skills": dict(labels.skills)})
    return assess(parse_answers(answers, catalog, strict=True), catalog).ranking[0].role


def outcome(labels: Labels, catalog: Catalog) -> Outcome:
    if labels.kind == "cv":
        return Outcome(labels, found_in_cv(labels, catalog), None, None)
    found, role = found_in_posting(labels, catalog)
    return Outcome(labels, found, role, labelled_role(labels, catalog))


@dataclass(frozen=True)
class Figures:
    documents: int
    true_positives: int
    false_positives: int
    false_negatives: int
    level_mae: float | None  # over the skills found that are labelled
    levels_compared: int
    roles_right: int  # postings only
    roles_right_from_labels: int
    postings: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        labelled = self.true_positives + self.false_negatives
        return self.true_positives / labelled if labelled else 0.0

    @property
    def role_share(self) -> float | None:
        return self.roles_right / self.postings if self.postings else None

    @property
    def role_share_from_labels(self) -> float | None:
        return self.roles_right_from_labels / self.postings if self.postings else None


def figures(outcomes: Iterable[Outcome]) -> Figures:
    outcomes = list(outcomes)
    errors = [abs(e) for o in outcomes for e in o.level_errors.values()]
    postings = [o for o in outcomes if o.labels.kind == "posting"]
    return Figures(
        documents=len(outcomes),
        true_positives=sum(len(o.level_errors) for o in outcomes),
        false_positives=sum(len(o.extra) for o in outcomes),
        false_negatives=sum(len(o.missed) for o in outcomes),
        level_mae=statistics.fmean(errors) if errors else None,
        levels_compared=len(errors),
        roles_right=sum(o.role == o.labels.role for o in postings),
        roles_right_from_labels=sum(o.labelled_role == o.labels.role for o in postings),
        postings=len(postings),
    )


def evaluate(catalog: Catalog, labels: list[Labels] | None = None) -> list[Outcome]:
    """Every labelled document read and its skills found: what the figures are computed from."""
    return [outcome(label, catalog) for label in (labels or load_labels())]


def by_kind(outcomes: list[Outcome]) -> dict[str, Figures]:
    return {
        "all": figures(outcomes),
        "CVs": figures(o for o in outcomes if o.labels.kind == "cv"),
        "postings": figures(o for o in outcomes if o.labels.kind == "posting"),
    }


def confusion(outcomes: list[Outcome]) -> list[str]:
    """One line per document with something wrong, then the skills most often missed/added."""
    lines = []
    for o in outcomes:
        parts = []
        if o.labels.kind == "posting" and o.role != o.labels.role:
            parts.append(f"role {o.role} (expected {o.labels.role})")
        if o.missed:
            parts.append("missed " + ", ".join(o.missed))
        if o.extra:
            parts.append("not labelled " + ", ".join(o.extra))
        far = {s: e for s, e in o.level_errors.items() if abs(e) >= 2}
        if far:
            parts.append(
                "levels "
                + ", ".join(f"{s} {o.found[s]} (labelled {o.labels.skills[s]})" for s in far)
            )
        if parts:
            lines.append(f"{o.labels.name}: " + "; ".join(parts))
    missed = Counter(s for o in outcomes for s in o.missed)
    extra = Counter(s for o in outcomes for s in o.extra)
    lines.append("most often missed: " + _counts(missed))
    lines.append("most often not labelled: " + _counts(extra))
    return lines


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{s} {n}" for s, n in counter.most_common(8)) or "none"


def timed(argv: list[str], runs: int) -> tuple[float, float]:
    """Median CPU and wall seconds of a fresh process, after one untimed warm-up."""
    from run import run_once

    run_once(argv, ROOT)
    cpus, walls = [], []
    for _ in range(runs):
        start = time.perf_counter()
        cpus.append(run_once(argv, ROOT))
        walls.append(time.perf_counter() - start)
    return statistics.median(cpus), statistics.median(walls)


def timings(runs: int) -> list[tuple[str, float, float]]:
    from run import careerpath

    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "draft.yaml"
        commands = {
            f"prefill {TIMED_CV} (3 pages)": [
                *careerpath(),
                "prefill",
                str(SET / TIMED_CV),
                "-o",
                str(draft),
                "--force",
            ],
            f"posting {TIMED_POSTING} (1 page)": [
                *careerpath(),
                "posting",
                str(SET / TIMED_POSTING),
                "--answers",
                str(TIMED_ANSWERS),
            ],
            # What any TF-IDF extraction costs before it reads a word: the commands' floor.
            "floor: python -c 'from sklearn... import TfidfVectorizer'": [
                sys.executable,
                "-c",
                "from sklearn.feature_extraction.text import TfidfVectorizer",
            ],
        }
        return [(name, *timed(argv, runs)) for name, argv in commands.items()]


def _shown(folder: Path) -> str:
    return str(folder.relative_to(ROOT)) if folder.is_relative_to(ROOT) else str(folder)


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def header(catalog: Catalog) -> str:
    from importlib.metadata import PackageNotFoundError, version

    from run import cpu

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    from careerpath import __version__

    libs = " · ".join(
        f"{name} {installed(name)}"
        for name in ("scikit-learn", "pypdf", "python-docx", "pydantic", "numpy")
    )
    when = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return (
        f"careerpath {__version__} extraction benchmark · {when} · "
        f"Python {platform.python_version()} · {libs} · {cpu()} · {os.cpu_count()} CPUs · "
        f"catalogue {catalog.version}"
    )


def table(rows: list[tuple[str, ...]], headers: tuple[str, ...]) -> str:
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: tuple[str, ...]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first, *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))])

    return "\n".join([line(headers), *(line(r) for r in rows)])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (median)")
    parser.add_argument("--no-timing", action="store_true", help="leave out the command timings")
    parser.add_argument(
        "--folder",
        type=Path,
        default=SET,
        help="the labelled set to score (default: the held-out set benchmarks/extraction)",
    )
    args = parser.parse_args(argv)

    catalog = load_catalog(ROOT / "data")
    folder = args.folder.resolve()
    labels = load_labels(folder / "labels")
    if not labels:
        parser.error(f"{args.folder}: no label files in its labels/ folder")
    outcomes = evaluate(catalog, labels)
    print(header(catalog))
    print(
        f"{_shown(folder)}: {len(labels)} documents: {sum(x.kind == 'cv' for x in labels)} CVs, "
        f"{sum(x.kind == 'posting' for x in labels)} postings; "
        f"{sum(len(x.skills) for x in labels)} labelled skills\n"
    )
    rows = []
    for kind, f in by_kind(outcomes).items():
        rows.append(
            (
                kind,
                str(f.documents),
                f"{f.precision:.3f}",
                f"{f.recall:.3f}",
                f"{f.true_positives}/{f.false_positives}/{f.false_negatives}",
                "n/a" if f.level_mae is None else f"{f.level_mae:.2f}",
                _share(f.role_share),
                _share(f.role_share_from_labels),
            )
        )
    print(
        table(
            rows,
            (
                "documents",
                "n",
                "precision",
                "recall",
                "TP/FP/FN",
                "level MAE",
                "posting role",
                "role from labels",
            ),
        )
    )
    print(
        f"goals: precision >= {GOALS['precision']}, recall >= {GOALS['recall']}, "
        f"level MAE <= {GOALS['level MAE']}, posting role >= {GOALS['posting role']:.0%}; "
        "'role from labels' is the closest role of the labelled skills themselves\n"
    )
    print("confusion (labelled vs found):")
    for line in confusion(outcomes):
        print(f"  {line}")
    if args.no_timing:
        return
    print(
        f"\ncommands, median of {args.runs} fresh processes (goal <= {GOALS['seconds']} s each; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs):"
    )
    rows = [(name, f"{c:.2f} s", f"{w:.2f} s") for name, c, w in timings(args.runs)]
    print(table(rows, ("command", "CPU", "wall")))


if __name__ == "__main__":
    main()
