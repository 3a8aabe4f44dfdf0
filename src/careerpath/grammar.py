"""English wording: the indefinite article a phrase takes, chosen by how it sounds.

English only: a sentence in another language is one whole translatable message whose
translation writes its own words around a name (``planner.someone`` gives a role with its
article in the current language)."""

from __future__ import annotations

import re

# Letters whose spoken names start with a vowel sound: "an ML Engineer", "an SQL query".
_VOWEL_SOUNDING_LETTERS = frozenset("AEFHILMNORSX")
# Words spelt with a vowel that start with a consonant sound, and the other way round.
_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "ura", "eu", "one", "once", "ubi")
_VOWEL_SOUND = ("hour", "honest", "honour", "honor", "heir")


def article(phrase: str) -> str:
    """'a' or 'an' for ``phrase``: "an ML Engineer", "an MLOps Engineer", "a Data Engineer"."""
    word = re.sub(r"^[^\w]+", "", phrase.strip()).split(" ", 1)[0]
    if not word:
        return "a"
    # An initialism is read letter by letter: ML, AI, MLOps, NLP (two capitals, or one alone).
    if re.match(r"^[A-Z](?:[A-Z]|$|[^A-Za-z])", word):
        return "an" if word[0] in _VOWEL_SOUNDING_LETTERS else "a"
    if word[0].isdigit():
        # Spoken numbers: an 8, an 11, an 18, an 80; a 1, a 100.
        return "an" if re.match(r"^(8|11(?!\d{2})|18(?!\d{2}))", word) else "a"
    lower = word.lower()
    if lower.startswith(_VOWEL_SOUND):
        return "an"
    if lower.startswith(_CONSONANT_SOUND):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """``phrase`` after its indefinite article: "an ML Engineer"."""
    return f"{article(phrase)} {phrase}"
