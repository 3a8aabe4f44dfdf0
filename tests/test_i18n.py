"""careerpath's interface strings in pt-BR: the message catalogue is current, whole, keeps
every placeholder, and is compiled; the language follows --lang, CAREERPATH_LANG, the locale."""

from __future__ import annotations

import datetime as dt
import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from conftest import ROOT

from careerpath import i18n

LOCALE = ROOT / "src" / "careerpath" / "locale"
POT = LOCALE / "careerpath.pot"
LANGS = [lang for lang in i18n.SUPPORTED if lang != i18n.DEFAULT]
# {name} (str.format, in Python) and %(name)s (Jinja's newstyle gettext, in templates).
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]")


def po_path(lang: str) -> Path:
    return LOCALE / i18n.locale_name(lang) / "LC_MESSAGES" / "careerpath.po"


def read(path: Path):
    with path.open("rb") as f:
        return read_po(f)


def ids(message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, tuple | list) else (message.id,)


def strings(message) -> tuple[str, ...]:
    s = message.string
    return tuple(s) if isinstance(s, tuple | list) else (s,)


def extracted() -> set[tuple[str, ...]]:
    with (ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        found.add(tuple(message) if isinstance(message, tuple | list) else (message,))
    return found


def test_the_template_holds_exactly_the_strings_the_code_marks():
    # Fails when a marked string is added or changed without `pybabel extract` (README).
    in_pot = {ids(m) for m in read(POT) if m.id}
    assert in_pot == extracted()


@pytest.mark.parametrize("lang", LANGS)
def test_every_interface_string_has_a_translation_with_the_same_placeholders(lang):
    template = {ids(m) for m in read(POT) if m.id}
    catalog = read(po_path(lang))
    translated = {ids(m): m for m in catalog if m.id}
    missing = sorted(template - set(translated))
    assert not missing, f"{len(missing)} strings not in the {lang} catalogue: {missing[:5]}"
    for key in template:
        message = translated[key]
        assert not message.fuzzy, f"fuzzy: {key[0]!r}"
        assert all(s.strip() for s in strings(message)), f"untranslated: {key[0]!r}"
        expected = set(PLACEHOLDER.findall(" ".join(key)))
        found = [set(PLACEHOLDER.findall(text)) for text in strings(message)]
        if len(key) == 1:
            assert found[0] == expected, (key[0], message.string)
        else:
            # A plural form may leave out what its number makes plain, as click's English
            # does ("requires an argument" / "requires {nargs} arguments"); none adds one,
            # and together they use every one.
            assert all(f <= expected for f in found) and set().union(*found) == expected, (
                key[0],
                message.string,
            )


@pytest.mark.parametrize("lang", LANGS)
def test_the_compiled_catalogue_is_the_translated_one(lang):
    # Fails when the .po is edited without `pybabel compile` (README).
    mo = po_path(lang).with_suffix(".mo")
    with mo.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for message in read(po_path(lang)):
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):  # pt-BR: one form for 0 and 1, one for more
            singular, plural = message.id[:2]
            assert compiled.ngettext(singular, plural, 1) == message.string[0]
            assert compiled.ngettext(singular, plural, 2) == message.string[1]
        else:
            assert compiled.gettext(message.id) == message.string


def test_a_string_in_the_current_language():
    try:
        i18n.use("pt-BR")
        assert i18n._("not a resource of this step") == "não é um recurso desta etapa"
        assert i18n.format_date(dt.date(2026, 12, 1)) == "01/12/2026"
        assert i18n.format_number(1.5) == "1,5"
    finally:
        i18n.use("en")
    assert i18n.format_date(dt.date(2026, 12, 1)) == "2026-12-01"
    assert i18n.format_number(1.5) == "1.5"
