"""Pydantic models of the catalogue's translations: ``data/i18n/LANG/`` holds, beside the
English data, the same skills, roles and roadmaps in another language, keyed by the English
ids (``careerpath schema skill-text`` and the like print their schemas).

Only what a person reads is translated: names, aliases, descriptions, level descriptors,
summaries, responsibilities, titles, goals and project texts. Ids, levels, hours, sources and
resource titles stay as the English files have them; a resource may get a note, such as where
a Portuguese edition exists.
"""

from __future__ import annotations

from pydantic import Field

from careerpath.models.inputs import Id, ShortText, Text, Url, _Model


class CatalogInfoText(_Model):
    """``data/i18n/LANG/catalog.yaml``: the catalogue's name and description."""

    name: ShortText
    description: Text | None = None


class CategoryText(_Model):
    name: ShortText
    description: Text


class SkillText(_Model):
    name: ShortText
    aliases: list[ShortText] = Field(
        default_factory=list,
        description="names in this language besides `name`; the English ones stay valid",
    )
    description: Text
    levels: list[Text] = Field(
        min_length=5, max_length=5, description="0 none ... 4 expert, as in the English file"
    )


class SkillFileText(_Model):
    """``data/i18n/LANG/skills/NN-name.yaml``: one English skills file's category and skills."""

    category: CategoryText
    skills: dict[Id, SkillText] = Field(description="every skill of the English file, by id")


class RoleText(_Model):
    """``data/i18n/LANG/roles/ID.yaml``: one role's texts."""

    name: ShortText
    aliases: list[ShortText] = Field(default_factory=list)
    summary: Text
    responsibilities: list[Text] = Field(
        min_length=1, description="as many as the English file lists, in its order"
    )


class ProjectText(_Model):
    title: ShortText
    description: Text


class StepText(_Model):
    title: ShortText
    description: Text | None = None
    projects: list[ProjectText] = Field(
        default_factory=list, description="as many as the English step has, in its order"
    )
    resource_notes: dict[Url, ShortText] = Field(
        default_factory=dict,
        description="a note for a resource, by its URL (e.g. where a translation exists)",
    )
    resource_titles: dict[ShortText, ShortText] = Field(
        default_factory=dict,
        description="a resource's title in this language, by its English title: the words "
        "that describe it translated ('course notes', 'documentation', 'sections on ...'), "
        "its own title as published, names and authors kept",
    )


class PhaseText(_Model):
    title: ShortText
    goal: Text
    steps: dict[Id, StepText] = Field(description="every step of the English phase, by id")


class RoadmapText(_Model):
    """``data/i18n/LANG/roadmaps/ID.yaml``: one roadmap's texts."""

    title: ShortText
    summary: Text | None = None
    phases: dict[Id, PhaseText] = Field(description="every phase of the English roadmap, by id")
