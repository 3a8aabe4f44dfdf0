"""WeasyPrint's user-agent stylesheet, less the rules that give every element pseudo-elements
careerpath's pages never have.

WeasyPrint 70's stylesheet styles ``::marker`` and the footnote and note calls and markers
(``::footnote-call``, ``::footnote-marker``, ``::note-call``, ``::note-marker``,
``::note-callback``) on any element, so it computes a style for each of those six on every
element: 13,600 styles for the 2,300 elements of a 15-page report, half the time it spent
on styles (0.5 of 1.0 s). Here markers are styled where HTML has them (``li``, ``summary``)
and the notes' rules are left out: careerpath's pages have no footnotes or notes
(``float: footnote``). The rendered pages are the same.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from careerpath.render.weasyprint_internals import supported

_MARKER = "::marker {"
_NOTES = re.compile(r"^::(?:footnote|note)-[a-z]+ \{[^}]*\}\n", re.MULTILINE)
_NOTE_RULES = 5  # footnote-call, footnote-marker, note-call, note-marker, note-callback


@functools.cache
def html_class() -> Any:
    """WeasyPrint's ``HTML``, with the lean stylesheet where this WeasyPrint was checked and
    its stylesheet has the rules as they were; otherwise WeasyPrint's own ``HTML``."""
    from weasyprint import CSS, HTML
    from weasyprint import html as weasy_html

    text = weasy_html.UA
    if not supported() or text.count(_MARKER) != 1 or len(_NOTES.findall(text)) != _NOTE_RULES:
        return HTML
    text = _NOTES.sub("", text.replace(_MARKER, "li::marker, summary::marker {"))
    sheet = CSS(string=text, counter_style=weasy_html.UA_COUNTER_STYLE)

    # WeasyPrint ships no types, so HTML is Any to mypy; overriding the method that names
    # the user-agent stylesheets is the one way to give WeasyPrint another.
    class LeanHTML(HTML):  # type: ignore[misc]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [sheet, *super()._ua_stylesheets(forms)[1:]]

    return LeanHTML
