"""The words click itself prints (help headings, usage errors, type errors), as msgids in
careerpath's catalogue.

Click translates its own messages with ``gettext.gettext``, and the command line makes
careerpath's domain the process's (``cli.language.chosen``), so click's words are found only if
our catalogue has them. Nothing imports this module: it exists so that ``pybabel extract``
copies these msgids, exactly as click's source spells them (click 8.x), into careerpath.pot.
Only what careerpath's users can see is listed (not click's errors about how a program
declares its options, its editor or shell-completion messages). It is not in ``cli/``: a
list of messages to translate is neither parsing nor formatting.
"""

from __future__ import annotations

from careerpath.i18n import N_, ngettext

WORDS = (
    # Help pages.
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("env var: {var}"),
    N_("default: {default}"),
    N_("(dynamic)"),
    # Usage errors.
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Aborted!"),
    N_("Missing command."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Invalid start character for option ({option})"),
    N_("Value must be an iterable."),
    N_("unknown error"),
    N_("Could not open file {filename!r}: {message}"),
    # Types' errors.
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{value!r} is not a valid UUID."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("{name} {filename!r} is not executable."),
    # Prompts.
    N_("Do you want to continue?"),
    N_("Confirm the action without prompting."),
    N_("Repeat for confirmation"),
    N_("Error: The two entered values do not match."),
    N_("Error: invalid input"),
    N_("Press any key to continue..."),
    N_("Choose from:\n\t{choices}"),
)


def _plurals(n: int) -> None:
    """Never called: click's plural messages, written where extraction sees them."""
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", n)
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", n)
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", n
    )
    ngettext(
        "Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given.", n
    )
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", n)
    ngettext(
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
        n,
    )
    ngettext(
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
        n,
    )
