"""The command line: parse options, call library functions, format their results.

This module holds the root group (``--data-dir``, ``--debug``, ``--no-cache``) and maps the
tool's errors to a message and an exit status, once; the commands live in ``catalogue``,
``assess``, ``plans`` and ``mentor``, their shared options in ``options``.

Only click and light modules are imported at the top: ``careerpath --help`` must start fast,
so numpy, scikit-learn, jinja2 and WeasyPrint load inside the commands that need them, and
the command modules themselves load when their command runs or shows its own help:
``careerpath --help`` lists the commands from ``lazy.COMMANDS``.
"""

from __future__ import annotations

import gettext
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from careerpath import __version__
from careerpath.cli import language, lazy
from careerpath.cli.paths import PathParam
from careerpath.i18n import _

if TYPE_CHECKING:
    from pathlib import Path

    from careerpath.unquoted import Kind

# Help fits 80 columns (and narrows with a narrower terminal): click's default is wider.
HELP_WIDTH = 80
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": HELP_WIDTH}


def help_width() -> int | None:
    """The width click sizes help to (the terminal's less a 2-column margin, 50 to 80),
    found without the ``shutil`` click imports for it: shutil loads bz2, lzma and zlib, about
    5 ms of ``careerpath --help``. The terminal's columns as ``shutil.get_terminal_size``
    finds them: ``$COLUMNS``, else those of standard output, else 80. None (click decides)
    when click's test runner forces a width."""
    if click.formatting.FORCED_WIDTH is not None:
        return None
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (AttributeError, ValueError, OSError):  # not a terminal, or a closed stream
            columns = 0
    return max(min(columns or 80, HELP_WIDTH) - 2, 50)


class _Group(click.Group):
    """Maps the tool's errors to a message on stderr and an exit status, in one place: the
    library's usage errors exit 2 (as click's bad options do), every other error 1. Gives
    every command ``--lang``, and speaks the language asked for before anything is parsed
    (so that ``--help`` and click's own messages are in it too)."""

    #: Set by :func:`main`: only a real process (not a test calling ``cli``) takes over
    #: SIGTERM, once a command is to run (so that ``--help`` need not load ``signal``).
    takes_over_sigterm = False

    def main(self, args: Sequence[str] | None = None, *a: Any, **kw: Any) -> Any:
        words = list(sys.argv[1:] if args is None else args)
        try:
            with language.chosen(words):
                language.localise_help(self)
                return super().main(words, *a, **kw)
        finally:  # the help back in the process's language, for whatever reads it next
            language.localise_help(self)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        _add_lang(cmd)
        super().add_command(cmd, name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # the order they are declared: the order a user needs them

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's list of commands, without importing a command to list it: one not loaded
        yet is a stand-in with its short help from ``lazy.COMMANDS`` as help, which click
        shortens to the width as it would the command's own."""
        loaded = getattr(self.commands, "loaded", self.commands)
        rows = []
        for name in self.list_commands(ctx):
            command = loaded.get(name) or lazy.stand_in(name)
            if not command.hidden:
                rows.append((name, command))
        if not rows:
            return
        limit = formatter.width - 6 - max(len(name) for name, _command in rows)  # as click
        with formatter.section(gettext.gettext("Commands")):  # click's word, as click asks it
            formatter.write_dl([(name, c.get_short_help_str(limit)) for name, c in rows])

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[WORDS] = list(args)  # for _name_hint: meta is shared with the subcommands
        return super().parse_args(ctx, args)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        kwargs.setdefault("terminal_width", help_width())  # the commands' contexts inherit it
        try:
            return super().make_context(*args, **kwargs)
        except click.ClickException as exc:
            raise _lowercase(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        # A command runs (the root's own --help never gets here): it imports these anyway.
        from careerpath.cli.options import echo, fail
        from careerpath.commands import repeating
        from careerpath.errors import CareerPathError, UsageError
        from careerpath.signals import (
            EXIT_INTERRUPTED,
            EXIT_TERMINATED,
            Terminated,
            raise_on_sigterm,
        )

        if self.takes_over_sigterm:
            raise_on_sigterm()
        try:
            with repeating(run_options(ctx)):
                return super().invoke(ctx)
        except click.ClickException as exc:  # bad options and arguments, as click found them
            raise _lowercase(_name_hint(exc)) from None
        except CareerPathError as exc:
            if ctx.find_root().params.get("debug"):
                import traceback  # only then: --help need not load it

                traceback.print_exc()
            fail(exc.worded(flag), 2 if isinstance(exc, UsageError) else 1)
        except KeyboardInterrupt:
            echo("\n" + _("interrupted"), err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Terminated:  # SIGTERM, unwound like Ctrl-C: temporary files are gone
            echo("\n" + _("terminated"), err=True)
            sys.exit(EXIT_TERMINATED)


def flag(option: str) -> str:
    """The flag of a setting the library names (``errors.Option``): each has the name of the
    parameter it sets, ``hours_per_week`` is ``--hours-per-week``."""
    return "--" + option.replace("_", "-")


def _add_lang(cmd: click.Command) -> None:
    if not any(p.name == "lang" for p in cmd.params):
        cmd.params.append(language.lang_option())
    if isinstance(cmd, click.Group):
        for sub in cmd.commands.values():
            _add_lang(sub)


WORDS = "careerpath.words"


def run_options(ctx: click.Context) -> list[str]:
    """The root's options given on this command line that the commands it suggests repeat:
    --data-dir as given, and --lang (before or after the command) as the run speaks it."""
    from click.core import ParameterSource

    from careerpath import commands, i18n

    given = ctx.get_parameter_source("data_dir") is ParameterSource.COMMANDLINE
    asked = language.requested(ctx.meta.get(WORDS, []))
    return commands.run_options(
        ctx.params["data_dir"] if given else None, i18n.current() if asked else None
    )


_NAMES: dict[str, Kind] = {"ROLE": "role", "SKILL": "skill"}


def _name_hint(exc: click.ClickException) -> click.ClickException:
    """``exc`` with how to write a role or skill name of several words, when its words past
    the first are the extra arguments it refuses (``--target Domain Expert``)."""
    ctx = getattr(exc, "ctx", None)
    if not isinstance(exc, click.UsageError) or ctx is None:
        return exc
    from careerpath.unquoted import name_hint, spread

    words = ctx.meta.get(WORDS, [])
    for param in ctx.command.params:
        kind = _NAMES.get(language.english_metavar(param) or "")
        value = ctx.params.get(param.name or "")
        if kind is None or not isinstance(value, str):
            continue
        flags = param.opts if isinstance(param, click.Option) else []
        extra = spread(words, flags, value)
        if not extra or " ".join(extra) not in exc.message:
            continue
        from careerpath.catalog import load_catalog
        from careerpath.errors import CareerPathError

        try:
            catalog = load_catalog(ctx.find_root().params.get("data_dir"))
        except CareerPathError:  # a name hint does not need the catalogue
            catalog = None
        flag = max(flags, key=len) if flags else None
        hint = name_hint(catalog, kind, flag, " ".join([value, *extra]))
        return click.UsageError(f"{exc.message}; {hint}", ctx)
    return exc


def _lowercase(exc: click.ClickException) -> click.ClickException:
    """``exc`` shown as the tool's own errors are ("error: ...", through ``echo``), not as
    click's "Error: ...": one spelling whichever layer refused the command."""
    from careerpath.cli.options import echo, say

    def show(file: Any = None) -> None:
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:  # a usage error: the usage line and where help is, as click does
            help_names = ctx.command.get_help_option_names(ctx)
            # click's own sentence, so its translation too
            hint = _("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=max(help_names, key=len)
            )
            hint += "\n"
            echo(f"{ctx.get_usage()}\n{hint if help_names else ''}", err=True)
        say(_("error: {message}").format(message=exc.format_message()), err=True)

    exc.show = show  # type: ignore[method-assign]  # click has no hook for how errors look
    return exc


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="careerpath")
@click.option(
    "--data-dir",
    type=PathParam(file_okay=False),
    metavar="DIR",
    # No envvar= here: catalog.data_dir() reads CAREERPATH_DATA itself, so that an error
    # names the setting the folder really came from.
    help="Use the catalogue (skills, roles, roadmaps) in DIR instead of the bundled one "
    "[env: CAREERPATH_DATA].",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read the catalogue afresh instead of the copy kept in the user's cache folder "
    "[env: CAREERPATH_NO_CACHE=1].",
)
# The "Start here" lines stay under 58 columns: click does not rewrap a \b block, and help
# must fit a 60-column terminal.
def cli(data_dir: Path | None, debug: bool, no_cache: bool) -> None:
    """Find the data/AI role you are closest to, what you lack for the one you want,
    and a learning plan to get there.

    \b
    Start here:
      careerpath assess
          the questionnaire: 92 questions, 45-80 min
      careerpath assess --adaptive
          about 51 of them, 25-45 min, same ranking
      careerpath assess --answers FILE
          score a filled answers file
      careerpath prefill CV -o draft.yaml
          levels suggested from your CV, to confirm
          with `careerpath assess --resume draft.yaml`
      careerpath plan --answers FILE --target ml-engineer
      careerpath report --answers FILE -o report.html
    """
    if no_cache:
        from careerpath.settings import NO_CACHE_ENV

        # Through the environment, so that batch workers (child processes) skip it too.
        os.environ[NO_CACHE_ENV] = "1"


cli.params.append(language.lang_option())  # `careerpath --lang pt-BR assess` reads well too


def _load(name: str) -> click.Command:
    with language.declaring():
        module = importlib.import_module(f"careerpath.cli.{lazy.COMMANDS[name][0]}")
    command: click.Command = getattr(module, name)
    _add_lang(command)
    language.localise_help(command)  # in the language chosen for this command line
    return command


cli.commands = lazy.LazyCommands(lazy.COMMANDS, _load)


def main() -> None:
    cli.takes_over_sigterm = True
    # One BLAS thread unless the user asks for more: OpenBLAS starts a spinning thread per
    # core when numpy loads, which costs `assess` a fifth of its CPU time (0.60 -> 0.47 s) and
    # gains nothing, and every worker of a batch would start its own pool of them.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    cli(prog_name="careerpath")
