"""The schema registry: every name `careerpath schema` lists, and its JSON Schema, generated
from the models (never written by hand).

Every JSON careerpath prints has one here, under the name its command's ``--json`` help gives
(:data:`OUTPUTS` says which command prints which), so a script can check what it reads.
"""

from __future__ import annotations

from typing import Any

# No pydantic at the top: the CLI reads NAMES here to build `careerpath schema --help`.

# The file formats careerpath reads (the catalogue's and the answers file).
FORMATS = ("answers", "skill", "role", "roadmap", "catalog")
# The catalogue's translations (data/i18n/LANG/), file for file.
TRANSLATIONS = ("skill-text", "role-text", "roadmap-text", "catalog-text")

# The command whose --json prints each output (a command may print two, as `assess`).
OUTPUTS: dict[str, str] = {
    "assessment": "assess --json",
    "adaptive-replay": "assess --adaptive --answers FILE --json",
    "plan": "plan --json",
    "report": "report --json",
    "batch": "report --batch DIR --json",
    "progress": "progress --json",
    "comparison": "compare --json",
    "cohort": "cohort --json",
    "team": "team --json",
    "validation": "validate --json",
    "roles": "roles --json",
    "skills": "skills --json",
    "catalog-skill": "skills show SKILL --json",
    "roadmaps": "roadmaps --json",
    "posting": "posting JOB --json",
    # `roles show --json` and `roadmaps show --json` print one role or roadmap: the formats
    # "role" and "roadmap".
}

NAMES = FORMATS + TRANSLATIONS + tuple(OUTPUTS)


def _models() -> dict[str, Any]:
    """Schema name -> the pydantic model (or a list of one) that describes it."""
    from careerpath.models import inputs, translations

    out: dict[str, Any] = {
        "answers": inputs.Answers,
        "skill": inputs.SkillFile,
        "role": inputs.Role,
        "roadmap": inputs.Roadmap,
        "catalog": inputs.CatalogInfo,
        "skill-text": translations.SkillFileText,
        "role-text": translations.RoleText,
        "roadmap-text": translations.RoadmapText,
        "catalog-text": translations.CatalogInfoText,
    }
    from careerpath.models.outputs import (
        AdaptiveRun,
        Assessment,
        BatchSummary,
        CatalogCheck,
        Cohort,
        Comparison,
        Plan,
        PostingMatch,
        ProgressRecorded,
        ReportWritten,
        Team,
    )

    out |= {
        "assessment": Assessment,
        "adaptive-replay": AdaptiveRun,
        "plan": Plan,
        "report": ReportWritten,
        "batch": BatchSummary,
        "progress": ProgressRecorded,
        "comparison": Comparison,
        "cohort": Cohort,
        "team": Team,
        "validation": CatalogCheck,
        "roles": list[inputs.Role],
        "skills": list[inputs.Skill],
        "catalog-skill": inputs.Skill,
        "roadmaps": list[inputs.Roadmap],
        "posting": PostingMatch,
    }
    return out


def model_for(name: str) -> Any:
    return _models()[name]


def json_schema(name: str) -> dict[str, Any]:
    from pydantic import BaseModel, TypeAdapter

    model = _models()[name]
    if isinstance(model, type) and issubclass(model, BaseModel):
        schema = model.model_json_schema()
        title = model.__name__
    else:  # a list of entries, as `roles --json` prints
        schema = TypeAdapter(model).json_schema()
        title = f"careerpath {name}"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", title)
    return schema
