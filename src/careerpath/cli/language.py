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
    words when an object is made (a ``click.Path`` named "file" shows FILE, which the help
    texts name: in pt-BR it would be ARQUIVO)."""
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


# The placeholders of the usage line and of the options that a language writes its own way,
# as its messages do (pt-BR: "AAAA-MM-DD", "[OPÇÕES]"). The others (FILE, PATH, TEXT) stay:
# the help texts name them.
TRANSLATED_METAVARS = (i18n.N_("[OPTIONS]"), i18n.N_("YYYY-MM-DD"))


def localise_help(command: click.Command) -> None:
    """Translate the help of ``command``, its parameters and its subcommands into the current
    language (the English originals are kept, so a later call can switch back)."""
    english_only = i18n.current() == i18n.DEFAULT
    # click makes --help's option once, its help in the language of that moment: made anew.
    command._help_option = None
    for obj in (command, *command.params):
        for attr in ("help", "short_help", "options_metavar", "metavar"):
            if not hasattr(obj, attr):
                continue
            key = f"{_ENGLISH_HELP}_{attr}"
            english = getattr(obj, key) if hasattr(obj, key) else getattr(obj, attr, None)
            setattr(obj, key, english)
            if attr in ("options_metavar", "metavar") and english not in TRANSLATED_METAVARS:
                continue
            if english and not english_only:
                setattr(obj, attr, _translated(english))
            else:
                setattr(obj, attr, english)
    if isinstance(command, click.Group):
        # Of a lazy group (the root), the commands imported so far: the others are localised
        # as they are imported.
        subs = getattr(command.commands, "loaded", command.commands)
        for sub in subs.values():
            localise_help(sub)
