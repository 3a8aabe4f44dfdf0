"""Commands about the catalogue itself: validate; roles, skills and roadmaps (each a list and
``show ID``, from one factory: they are the same shape); schema."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from careerpath.cli import options as o
from careerpath.i18n import N_
from careerpath.models.registry import NAMES as SCHEMA_NAMES

if TYPE_CHECKING:
    from pathlib import Path

    from careerpath.catalog import Catalog

# A kind's plain-text views, the list and one entry; imported when shown, not for --help.
Views = tuple[Callable[["Catalog", list[Any]], str], Callable[["Catalog", Any], str]]


def _as_root_data_dir(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    # `validate --data-dir DIR` is `careerpath --data-dir DIR validate`: the root's setting,
    # so that the catalogue is found (and its errors named) one way.
    if value is not None:
        ctx.find_root().params["data_dir"] = value


@click.command(
    epilog=o.examples("careerpath validate", "careerpath validate --data-dir my-catalogue")
)
@click.option(
    "--data-dir",
    type=o.PathParam(file_okay=False),
    metavar="DIR",
    expose_value=False,
    callback=_as_root_data_dir,
    help="Check the catalogue in DIR (same as `careerpath --data-dir DIR validate`).",
)
@o.json_option("validation", N_("Print the counts and warnings as JSON"))
@click.pass_context
def validate(ctx: click.Context, as_json: bool) -> None:
    """Check the whole catalogue (skills, roles, roadmaps); list every problem."""
    from careerpath import terminal
    from careerpath.catalog import check_summary

    catalog = o.catalog_for(ctx)
    if as_json:  # the warnings are in it
        o.echo_json(check_summary(catalog))
        return
    for warning in catalog.warnings:
        o.warn(warning)
    o.say(terminal.validated_text(catalog))


def _entries(
    kind: str,
    argument: str,
    schemas: tuple[str, str],
    helps: tuple[str, str],
    views: Callable[[], Views],
    examples: tuple[tuple[str, ...], tuple[str, ...]],
) -> click.Group:
    """``careerpath KIND`` lists ``catalog.KIND``; ``KIND show ID`` shows the one that
    ``catalog.ITEM(ID)`` finds by id, name or alias. ``views()`` gives the two views,
    ``examples`` the command lines each one's help shows."""

    @click.group(kind, invoke_without_command=True, help=helps[0], epilog=o.examples(*examples[0]))
    @o.json_option(schemas[0])
    @click.pass_context
    def listing(ctx: click.Context, as_json: bool, category: str | None = None) -> None:
        if ctx.invoked_subcommand:
            return
        catalog = o.catalog_for(ctx)
        listed = list(getattr(catalog, kind).values())
        if category:
            from careerpath.terminal import pick_category

            chosen = pick_category(catalog, category)
            listed = [s for s in listed if s.category == chosen]
        if as_json:
            return o.echo_json([e.model_dump(mode="json") for e in listed])
        o.echo(views()[0](catalog, listed))

    @listing.command("show", help=helps[1], epilog=o.examples(*examples[1]))
    @click.argument("entry", metavar=argument)
    @o.json_option(schemas[1])
    @click.pass_context
    def show(ctx: click.Context, entry: str, as_json: bool) -> None:
        catalog = o.catalog_for(ctx)
        found = getattr(catalog, kind.removesuffix("s"))(entry)
        o.echo_json(found) if as_json else o.echo(views()[1](catalog, found))

    return listing


def _role_views() -> Views:
    from careerpath import terminal

    return lambda catalog, _: terminal.roles_table(catalog), terminal.role_detail


def _skill_views() -> Views:
    from careerpath import terminal

    return terminal.skills_table, terminal.skill_detail


def _roadmap_views() -> Views:
    from careerpath import terminal

    return lambda catalog, _: terminal.roadmaps_table(catalog), terminal.roadmap_detail


roles = _entries(
    "roles",
    "ROLE",
    ("roles", "role"),
    (
        N_("List the roles; `roles show ID` for one role's skill profile."),
        N_("Show ROLE (id, name or alias): summary, responsibilities and skill profile."),
    ),
    _role_views,
    (
        ("careerpath roles", "careerpath roles show ml-engineer"),
        ("careerpath roles show ml-engineer", 'careerpath roles show "Data Analyst"'),
    ),
)
skills = _entries(
    "skills",
    "SKILL",
    ("skills", "catalog-skill"),
    (
        N_("List the skills by category; `skills show ID` for its level descriptors."),
        N_("Show SKILL (id, name or alias) with its five level descriptors."),
    ),
    _skill_views,
    (
        (
            "careerpath skills",
            "careerpath skills --category programming",
            "careerpath skills show sql",
        ),
        ("careerpath skills show sql", "careerpath skills show python --json"),
    ),
)
# Before --json in --help, as it was declared.
skills.params.insert(0, click.Option(["--category"], help="Only this category (id or name)."))
roadmaps = _entries(
    "roadmaps",
    "ROADMAP_ID",
    ("roadmaps", "roadmap"),
    (
        N_("List the curated transition roadmaps; `roadmaps show ID` for one."),
        N_("Show one roadmap: phases, steps, hours and what each step teaches."),
    ),
    _roadmap_views,
    (
        ("careerpath roadmaps", "careerpath roadmaps show data-analyst-to-data-scientist"),
        ("careerpath roadmaps show data-analyst-to-data-scientist",),
    ),
)


@click.command(epilog=o.examples("careerpath schema answers", "careerpath schema assessment"))
@click.argument("name", metavar="NAME", type=click.Choice(SCHEMA_NAMES))
def schema(name: str) -> None:
    """Print the JSON Schema of a file format, or of what a command's --json prints
    (generated from the models).

    Files: answers, skill (a skills file), role, roadmap, catalog (catalog.yaml);
    their translations in data/i18n/LANG/: skill-text, role-text, roadmap-text,
    catalog-text.

    Outputs: assessment (assess), adaptive-replay (assess --adaptive --answers),
    plan, report, batch (report --batch), progress, comparison (compare),
    cohort, team, validation (validate), roles, skills, catalog-skill (skills show),
    roadmaps, posting (posting, and assess --posting); roles show and roadmaps show
    print a role and a roadmap.
    """
    from careerpath.models.registry import json_schema

    o.echo_json(json_schema(name))
