"""The command line's language: ``--lang`` (on the root group and on every command), read
before anything is parsed so that even ``--help`` and click's own messages are translated.

Help texts are written in English in the command modules; they are translated when the
language is known (:func:`localise_help`), from the catalogue's entries that
``careerpath.help_extraction`` makes ``pybabel extract`` find. A help that a shared option
builds from parts (``--json`` naming its schema) is made with :func:`composed`, so that its
sentence and parts are translated, not the one English string. Click's own words ("Usage:",
"Missing option", ...) come from the same catalogue: click asks ``gettext.gettext`` for them,
so the process's gettext domain is careerpath's, in the chosen language.
"""

from __future__ import annotations

import contextlib
import gettext
import inspect
import os
import re
from collections.abc import Iterator, Mapping, Sequence

import click

from careerpath import i18n

OPTION_HELP = i18n.N_(
    "Language of the output: en or pt-BR [env: CAREERPATH_LANG; default: the locale, else en]."
)
_ENGLISH_HELP = "_careerpath_english_help"
# English help built by `composed` -> (its N_-marked sentence, the parts to translate, the
# parts kept as they are).
_COMPOSED: dict[str, tuple[str, dict[str, str], dict[str, str]]] = {}


def composed(sentence: str, keep: Mapping[str, str] | None = None, **parts: str) -> str:
    """``sentence`` (marked N_) with its placeholders filled: ``parts`` are N_-marked texts,
    translated with it; ``keep`` are names and commands, never translated. The English is
    returned (click's help), and :func:`localise_help` knows how to translate it."""
    kept = dict(keep or {})
    english = sentence.format(**parts, **kept)
    _COMPOSED[english] = (sentence, dict(parts), kept)
    return english


def _translated(english: str) -> str:
    if english in _COMPOSED:
        sentence, parts, kept = _COMPOSED[english]
        return i18n._(sentence).format(**{k: i18n._(v) for k, v in parts.items()}, **kept)
    return i18n._(inspect.cleandoc(english))


def requested(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` in ``args`` (before a ``--``), or None."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


@contextlib.contextmanager
def chosen(args: Sequence[str]) -> Iterator[str]:
    """Speak the language ``args`` and the environment ask for while the command runs, and
    in the processes it starts (batch workers); print the notice, if any, once. Everything
    is put back afterwards, so that a test's next command starts afresh."""
    lang, notice = i18n.choose(requested(args))
    before_lang = i18n.current()
    before_env = {k: os.environ.get(k) for k in (i18n.LANG_ENV, "LANGUAGE")}
    before_domain = gettext.textdomain()
    i18n.use(lang)
    os.environ[i18n.LANG_ENV] = lang
    # click asks gettext.gettext for its own words: careerpath's domain, in this language.
    os.environ["LANGUAGE"] = i18n.locale_name(lang)
    gettext.bindtextdomain(i18n.DOMAIN, i18n.LOCALE_DIR)
    gettext.textdomain(i18n.DOMAIN)
    try:
        if notice:
            click.echo(i18n._("warning: {notice}").format(notice=notice), err=True)
        yield lang
    finally:
        i18n.use(before_lang)
        gettext.textdomain(before_domain)
        for key, value in before_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def declaring() -> Iterator[None]:
    """English while a command module is imported inside :func:`chosen` (the root imports a
    command when it is asked for): commands are declared in English, their help translated
    afterwards by :func:`localise_help` from those originals, and click translates a few
    words when an object is made (a ``click.Path`` is named "file" in English, "arquivo" in
    pt-BR): the placeholders too are translated from English, once, as every command's."""
    lang, domain = i18n.current(), gettext.textdomain()
    i18n.use(i18n.DEFAULT)
    gettext.textdomain("messages")  # Python's own domain, as at start-up: no catalogue
    try:
        yield
    finally:
        i18n.use(lang)
        gettext.textdomain(domain)


def lang_option() -> click.Option:
    # Read by `choose` before parsing; declared so that click accepts it anywhere.
    return click.Option(["--lang"], metavar="LANG", expose_value=False, help=OPTION_HELP)


# The placeholders that help shows (the options' and arguments' metavars, click's names of
# their types, the usage line's), each a word a language writes its own way: pt-BR's help
# says "--answers ARQUIVO", and its sentences name ARQUIVO, PASTA, VAGA as the placeholders
# do. A placeholder made of other words keeps them ("K/N", "[html|pdf]", "[ARGS]...").
PLACEHOLDERS = frozenset(
    {
        i18n.N_("OPTIONS"),
        i18n.N_("COMMAND"),
        i18n.N_("YYYY-MM-DD"),
        i18n.N_("TEXT"),
        i18n.N_("PATH"),
        i18n.N_("PATHS"),
        i18n.N_("FILE"),
        i18n.N_("DIRECTORY"),
        i18n.N_("DIR"),
        i18n.N_("INTEGER"),
        i18n.N_("INTEGER RANGE"),
        i18n.N_("FLOAT"),
        i18n.N_("FLOAT RANGE"),
        i18n.N_("JOB"),
        i18n.N_("ADDRESS"),
        i18n.N_("LANG"),
        i18n.N_("NAME"),
        i18n.N_("ROLE"),
        i18n.N_("SKILL"),
        i18n.N_("STEP_ID"),
        i18n.N_("ROADMAP_ID"),
        i18n.N_("OLD"),
        i18n.N_("NEW"),
    }
)
_WORD = re.compile(r"YYYY-MM-DD|[A-Z][A-Z_]*(?: RANGE)?")
_METAVARS = ("options_metavar", "subcommand_metavar", "metavar")
# click 8.2 gave make_metavar the context; 8.1 (which pyproject allows) takes none.
_METAVAR_TAKES_CONTEXT = "ctx" in inspect.signature(click.Parameter.make_metavar).parameters


def _placeholder(obj: object, english: str | None, command: click.Command) -> str | None:
    """``obj``'s placeholder in the current language, or ``english`` (None: click's own,
    from the type or the name) when it has no word to translate."""
    shown = english
    if shown is None and isinstance(obj, click.Parameter):
        ctx = click.Context(command)
        shown = obj.make_metavar(ctx) if _METAVAR_TAKES_CONTEXT else obj.make_metavar()  # type: ignore[call-arg]
    if not shown:
        return english
    words = _WORD.sub(lambda m: i18n._(m[0]) if m[0] in PLACEHOLDERS else m[0], shown)
    return english if words == shown else words


def english_metavar(param: click.Parameter) -> str | None:
    """``param``'s placeholder as declared (ROLE), whatever language its help is shown in."""
    return getattr(param, f"{_ENGLISH_HELP}_metavar", param.metavar)


def localise_help(command: click.Command) -> None:
    """Translate the help of ``command`` (its epilog too: the examples), its parameters and
    its subcommands into the current language (the English originals are kept, so a later call
    can switch back)."""
    english_only = i18n.current() == i18n.DEFAULT
    # click makes --help's option once, its help in the language of that moment: made anew.
    command._help_option = None
    for obj in (command, *command.params):
        for attr in ("help", "short_help", "epilog", *_METAVARS):
            if not hasattr(obj, attr):
                continue
            key = f"{_ENGLISH_HELP}_{attr}"
            english = getattr(obj, key) if hasattr(obj, key) else getattr(obj, attr, None)
            setattr(obj, key, english)
            if english_only:
                setattr(obj, attr, english)
            elif attr in _METAVARS:
                setattr(obj, attr, _placeholder(obj, english, command))
            elif english:
                setattr(obj, attr, _translated(english))
    if isinstance(command, click.Group):
        # Of a lazy group (the root), the commands imported so far: the others are localised
        # as they are imported.
        subs = getattr(command.commands, "loaded", command.commands)
        for sub in subs.values():
            localise_help(sub)
