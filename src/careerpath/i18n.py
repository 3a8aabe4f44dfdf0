"""The language careerpath speaks: choosing it, translating its messages, and formatting dates,
numbers and durations the way that language writes them.

The language is ``--lang``, else ``$CAREERPATH_LANG``, else the locale (``LC_ALL``, then
``LC_MESSAGES``, then ``LANG``, as POSIX orders them), else English. English is also the
fallback: a language asked for by name (``--lang`` or ``CAREERPATH_LANG``) that careerpath does
not speak gives English and one notice; a locale it does not speak gives English quietly, as
that is the machine's setting, not a request.

Messages are marked in the code with :func:`_` and :func:`ngettext` (``N_`` marks a string
translated later, such as a help text written before the language is known) and extracted
with Babel's ``pybabel extract`` (see the README). Catalogues live in ``locale/`` inside the
package; English needs none. The variables are read here rather than in settings.py because
``careerpath --help`` chooses its language before pydantic is loaded.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import os
from collections.abc import Mapping
from functools import cache

LANG_ENV = "CAREERPATH_LANG"
DEFAULT = "en"
# Every language careerpath speaks, as BCP 47 tags (what --lang takes).
SUPPORTED = ("en", "pt-BR")
# A str, not a Path: `careerpath --help` reads this before anything needs pathlib.
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")
DOMAIN = "careerpath"

_current = DEFAULT


def normalise(tag: str) -> str | None:
    """The supported language a tag or locale names ("pt_BR.UTF-8", "pt-br", "pt", "en_GB"),
    or None. "C" and "POSIX" are English."""
    base = tag.split(".", 1)[0].split("@", 1)[0].replace("_", "-").strip()
    if base.upper() in ("C", "POSIX"):
        return DEFAULT
    parts = base.split("-")
    for lang in SUPPORTED:
        if base.casefold() == lang.casefold():
            return lang
    # A bare language, or another region of it: Portuguese is pt-BR's text, English is English.
    for lang in SUPPORTED:
        if parts[0].casefold() == lang.split("-")[0].casefold():
            return lang
    return None


def choose(explicit: str | None, environ: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The language to use and a notice for the user ('' when there is nothing to say)."""
    env = os.environ if environ is None else environ
    for asked in (explicit, env.get(LANG_ENV)):
        if asked:
            lang = normalise(asked)
            if lang is None:
                known = ", ".join(SUPPORTED)
                notice = _('careerpath does not speak "{asked}"; using English (it speaks {known})')
                return DEFAULT, notice.format(asked=asked, known=known)
            return lang, ""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(variable):
            return normalise(env[variable]) or DEFAULT, ""
    return DEFAULT, ""


def use(lang: str) -> None:
    """Speak ``lang`` (a supported tag) from now on, in this process."""
    global _current
    if lang not in SUPPORTED:
        raise ValueError(f"unsupported language {lang!r}")
    _current = lang


def current() -> str:
    return _current


@cache
def _translations(lang: str) -> _gettext.NullTranslations:
    if lang == DEFAULT:
        return _gettext.NullTranslations()
    return _gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[lang.replace("-", "_")], fallback=True
    )


def _(message: str) -> str:
    """``message`` in the current language."""
    return _translations(_current).gettext(message) if _current != DEFAULT else message


def gettext_in(lang: str, message: str) -> str:
    """``message`` in ``lang`` (a supported tag), whatever the current language: what people
    may write in any language careerpath speaks, such as the levels' names."""
    return _translations(lang).gettext(message) if lang != DEFAULT else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language."""
    if _current == DEFAULT:
        return singular if n == 1 else plural
    return _translations(_current).ngettext(singular, plural, n)


def ngettext_in(lang: str, singular: str, plural: str, n: int) -> str:
    """``ngettext`` in ``lang``, whatever the current language: what a file written in any
    language careerpath speaks may say."""
    if lang == DEFAULT:
        return singular if n == 1 else plural
    return _translations(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now."""
    return message


# Languages whose sentences go on in lower case after a colon (unless a name follows): what
# follows a label ("Observação: o plano ...") is part of the label's sentence.
_LOWER_AFTER_COLON = frozenset({"pt-BR"})


def after_colon(sentence: str, lang: str | None = None) -> str:
    """One of careerpath's own sentences as it goes on after a label and a colon ("Note:
    {note}"): in pt-BR with its first letter in lower case, English keeps its capital. Only
    for a sentence that begins with a word of its own message, never with a name or another
    value, as the plan's notes do (see planner.build_plan); a catalogue's text may begin with
    a name ("Kafka ...") and is never passed here."""
    lang = lang or _current
    if lang not in _LOWER_AFTER_COLON or not sentence[:1].isupper():
        return sentence
    return sentence[0].lower() + sentence[1:]


def locale_name(lang: str | None = None) -> str:
    """Babel's and gettext's name for a language ("pt_BR")."""
    return (lang or _current).replace("-", "_")


def format_date(day: dt.date, lang: str | None = None) -> str:
    """A date as the language writes it in running text: 2026-12-01 in English (as before: the
    ISO date sorts and reads the same everywhere), 01/12/2026 in pt-BR."""
    lang = lang or _current
    if lang == DEFAULT:
        return day.isoformat()
    from babel.dates import format_date as babel_date

    return babel_date(day, format="short", locale=locale_name(lang))


def format_number(value: float, lang: str | None = None) -> str:
    """A number with the language's decimal mark, as ``%g`` writes it in English."""
    lang = lang or _current
    if lang == DEFAULT:
        return f"{value:g}"
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.##", locale=locale_name(lang))


def format_list(items: list[str], lang: str | None = None) -> str:
    """ "A, B and C" as the language joins a list (English keeps its old form, no serial comma)."""
    lang = lang or _current
    if lang == DEFAULT or len(items) <= 1:
        return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)
    from babel.lists import format_list as babel_list

    return babel_list(items, locale=locale_name(lang))


def format_percent(share: float, lang: str | None = None) -> str:
    """A share as a whole percentage, as ``{:.0%}`` writes it in English, except that less
    than all is never written 100%: a 99.7% fit resting on guesses is not a full fit."""
    lang = lang or _current
    if 0.99 < share < 1:
        share = 0.99
    if lang == DEFAULT:
        return f"{share:.0%}"
    from babel.numbers import format_percent as babel_percent

    return babel_percent(share, format="#,##0%", locale=locale_name(lang))


def format_fixed(
    value: float, digits: int = 0, *, grouping: bool = True, lang: str | None = None
) -> str:
    """A number with exactly ``digits`` decimals, its thousands grouped unless ``grouping`` is
    False, as ``f"{value:,.{digits}f}"`` writes it in English (20,000 and 6.1), in pt-BR
    20.000 and 6,1: counts and sizes in messages."""
    lang = lang or _current
    if lang == DEFAULT:
        return f"{value:{',' if grouping else ''}.{digits}f}"
    from babel.numbers import format_decimal

    pattern = ("#,##0" if grouping else "0") + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale_name(lang))
