"""tinyhtml5 (WeasyPrint's HTML parser) with its cache of scanning patterns working.

tinyhtml5 2.1 scans runs of text with one regular expression per set of stop characters,
meant to be built once and cached; but it files each under a key taken after the name was
rebound to the pattern itself, so no lookup ever finds one, and it builds the pattern again
for every run of text: 20,000 times for a 15-page report, half of the 0.37 s it took to
parse. This gives it a cache that builds a missing pattern itself, under the key it is
looked up by, exactly as tinyhtml5 builds it.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Collection
from typing import Any

from careerpath.render.weasyprint_internals import supported


class _Patterns(dict[tuple[Collection[str], bool], re.Pattern[str]]):
    def __missing__(self, key: tuple[Collection[str], bool]) -> re.Pattern[str]:
        characters, opposite = key
        escaped = "".join(f"\\x{ord(character):02x}" for character in characters)
        pattern = self[key] = re.compile(f"[{escaped if opposite else '^' + escaped}]+")
        return pattern


def install() -> bool:
    """Give tinyhtml5 the working cache, if it is a checked version; True if it has it."""
    stream: Any = importlib.import_module("tinyhtml5.inputstream")  # untyped internals
    if isinstance(stream.characters_until_regex, _Patterns):
        return True
    if not supported("tinyhtml5") or type(stream.characters_until_regex) is not dict:
        return False
    stream.characters_until_regex = _Patterns()
    return True
