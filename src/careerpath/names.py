"""How the names people write are compared with the catalogue's: skills, roles and levels,
in any language careerpath speaks.

Kept apart from catalog.py so that the answers file's models can fold a level's name without
loading the catalogue code."""

from __future__ import annotations

import re
import unicodedata
from functools import cache


def fold(name: str) -> str:
    """A name as it is compared: case- and accent-insensitive (Unicode NFKD, combining marks
    dropped, casefolded: "Visualizaçao", "visualização" and "VISUALIZACAO" are one), and
    "-", "_" and runs of spaces alike ("project management" finds project-management)."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().replace("_", " ").replace("-", " ").split())


# "Engenheiro(a)", "Pesquisador(a)": a Portuguese name written for both genders.
_BOTH_GENDERS = re.compile(r"(\w+)\(a\)")


def spellings(name: str) -> list[str]:
    """``name`` and the forms it stands for: a name written for both genders, as in
    "Engenheiro(a) de ML", also names "Engenheiro de ML" and "Engenheira de ML"
    ("Pesquisador(a)": "Pesquisador", "Pesquisadora"), which is what people write."""
    if not _BOTH_GENDERS.search(name):
        return [name]
    masculine = _BOTH_GENDERS.sub(r"\1", name)
    feminine = _BOTH_GENDERS.sub(lambda m: m[1].removesuffix("o") + "a", name)
    return [name, masculine, feminine]


@cache
def title_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of ``names`` (role names and aliases, in all their
    ``spellings``) as people write them in job titles and text: whole words in any case,
    joined by spaces, "_" or "-", each word perhaps in the plural ("machine learning
    engineers", "Analistas de Dados", "Pesquisadores") and beside a slash ("Data
    Scientist/Machine Learning Engineer")."""
    forms = sorted({form for name in names for form in spellings(name)}, key=lambda t: (-len(t), t))
    words = "|".join(
        r"[\s_-]+".join(re.escape(word) + "(?:e?s)?" for word in form.split()) for form in forms
    )
    return re.compile(rf"(?<![\w+#])(?:{words})(?![\w+#])", re.IGNORECASE)


@cache
def _variants() -> dict[str, str]:
    """Each folded letter and the Latin letters that fold to it ("e": "eéèêëÉ..."), for
    ``as_written``."""
    out: dict[str, str] = {}
    for code in range(0x20, 0x250):
        ch = chr(code)
        folded = fold(ch)
        if len(folded) == 1 and folded.isalpha():
            out[folded] = out.get(folded, "") + ch
    return out


def as_written(folded: str, text: str) -> str:
    """The part of ``text`` that folds to ``folded`` (a cue found in folded text: "e um
    plus"), with its accents and case as written ("é um plus"); ``folded`` itself when no
    part does. A quote of someone's words should be their words."""
    variants = _variants()
    parts = []
    for ch in folded:
        if ch == " ":
            parts.append(r"[\s_-]+")
        elif ch in variants:
            parts.append("[" + re.escape(variants[ch]) + "]")
        else:
            parts.append(re.escape(ch))
    found = re.search("".join(parts), text, re.IGNORECASE)
    return found.group() if found else folded
