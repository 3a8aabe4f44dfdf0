"""How the names people write are compared with the catalogue's: skills, roles and levels,
in any language careerpath speaks.

Kept apart from catalog.py so that the answers file's models can fold a level's name without
loading the catalogue code."""

from __future__ import annotations

import unicodedata


def fold(name: str) -> str:
    """A name as it is compared: case- and accent-insensitive (Unicode NFKD, combining marks
    dropped, casefolded: "Visualizaçao", "visualização" and "VISUALIZACAO" are one), and
    "-", "_" and runs of spaces alike ("project management" finds project-management)."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().replace("_", " ").replace("-", " ").split())
