"""JSON Schemas, generated from the models (never written by hand)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def _models() -> dict[str, type[BaseModel]]:
    from careerpath import models

    out: dict[str, type[BaseModel]] = {
        "answers": models.Answers,
        "skill": models.SkillFile,
        "role": models.Role,
        "roadmap": models.Roadmap,
        "catalog": models.CatalogInfo,
    }
    # Output formats live with the code that produces them.
    from careerpath.planner import Plan
    from careerpath.scoring import Assessment

    out["assessment"] = Assessment
    out["plan"] = Plan
    return out


def json_schema(name: str) -> dict[str, Any]:
    model = _models()[name]
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", model.__name__)
    return schema
