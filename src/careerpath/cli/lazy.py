"""The root's commands: each one's name, the module that declares it and its short help, so
that ``careerpath --help`` lists them without importing those modules, and the mapping that
imports a command when it is first asked for (to run it or to show its own help)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableMapping

import click

from careerpath.i18n import N_, _

# The commands in the order a user needs them (`careerpath --help` lists them so): the module
# of careerpath.cli that declares each (under the command's name), and its short help as
# click makes it from the command's help (the first sentence), so that listing them imports
# none of those modules. tests/test_cli.py checks that these agree with the commands.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": (
        "catalogue",
        N_("Check the whole catalogue (skills, roles, roadmaps); list every problem."),
    ),
    "roles": ("catalogue", N_("List the roles; `roles show ID` for one role's skill profile.")),
    "skills": (
        "catalogue",
        N_("List the skills by category; `skills show ID` for its level descriptors."),
    ),
    "questionnaire": ("assess", N_("The questionnaire as a file: what a mentor sends a mentee.")),
    "prefill": ("assess", N_("Draft an answers file from a CV (PDF, DOCX, Markdown or text).")),
    "assess": (
        "assess",
        N_("Answer the questionnaire (or read --answers FILE) and rank every role."),
    ),
    "roadmaps": (
        "catalogue",
        N_("List the curated transition roadmaps; `roadmaps show ID` for one."),
    ),
    "plan": (
        "plans",
        N_("Build your personal, scheduled learning plan toward a target role (or a posting)."),
    ),
    "report": (
        "plans",
        N_("Write a self-contained HTML report or a print-quality PDF for you and your mentor."),
    ),
    "posting": (
        "assess",
        N_("Read a job posting and say what it asks for and which role it is closest to."),
    ),
    "progress": (
        "mentor",
        N_("Record progress on a plan step (STEP_ID from `careerpath plan`) in the answers file."),
    ),
    "compare": (
        "mentor",
        N_(
            "Compare two answers files of one person: what moved, fit and readiness, gaps, steps "
            "done."
        ),
    ),
    "cohort": (
        "mentor",
        N_("A mentor's group (folders or files of answers): heatmap, best roles, common gaps."),
    ),
    "team": (
        "mentor",
        N_("Which of the AI team's roles your team covers, which it lacks, upskill or hire."),
    ),
    "schema": (
        "catalogue",
        N_(
            "Print the JSON Schema of a file format, or of what a command's --json prints "
            "(generated from the models)."
        ),
    ),
}


def stand_in(name: str) -> click.Command:
    """A command with ``name``'s short help as its help, in the current language: what click
    needs to list it (click shortens the help to the width as it would the real one's)."""
    return click.Command(name, help=_(COMMANDS[name][1]))


class LazyCommands(MutableMapping[str, click.Command]):
    """A group's commands by name, as click's ``Group.commands`` (a MutableMapping): the names
    are known from the start, a command is made by ``load(name)`` the first time it is looked
    up. Iterating the names imports nothing (``--help``, click's "did you mean"); reading the
    values loads every command, so that whatever walks the tree sees all of it."""

    def __init__(self, names: Iterable[str], load: Callable[[str], click.Command]) -> None:
        self._names = list(names)
        self._load = load
        #: The commands loaded so far (what has to be localised when the language changes).
        self.loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self.loaded:
            if name not in self._names:
                raise KeyError(name)
            self.loaded[name] = self._load(name)
        return self.loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        if name not in self._names:
            self._names.append(name)
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self._names:
            raise KeyError(name)
        self._names.remove(name)
        self.loaded.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:  # without loading it
        return name in self._names
