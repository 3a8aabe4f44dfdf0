"""SVG text in the PDF drawn a line at a time, not a letter at a time.

WeasyPrint 70 lays out and draws every letter of an SVG ``<text>`` on its own (one Pango
layout each), so that per-letter positions (``x``/``y`` lists, ``dx``, ``rotate``...) can
be honoured. The report's charts use none of those, but have about 2,000 letters in their
labels: a third of a 15-page report's drawing time went to them (0.6 of 1.7 s). WeasyPrint's
maintainers suggest drawing the whole text when no letter has a position of its own
(WeasyPrint issue 2249); this does that for the text of a node, and leaves every other case
to WeasyPrint. Drawn whole, a label is also kerned as the HTML text around it is.

It replaces WeasyPrint internals, so only the versions it was checked against get it
(weasyprint_internals); any other keeps WeasyPrint's own drawing.
"""

from __future__ import annotations

import importlib
from math import inf
from typing import Any

from careerpath.render.weasyprint_internals import supported

# Attributes that place or space the letters one by one, or align the text in ways drawn
# only by WeasyPrint's own code: a node with any of them is drawn by WeasyPrint.
_PER_LETTER = (
    "dx",
    "dy",
    "rotate",
    "letter-spacing",
    "textLength",
    "display-anchor",
    "dominant-baseline",
    "alignment-baseline",
)
_FONT_WEIGHTS = {"normal": 400, "bold": 700}

_stock: Any = None  # WeasyPrint's own function, once replaced


def install() -> bool:
    """Draw SVG text a line at a time from now on, if this WeasyPrint is a checked one;
    True if it does. Idempotent."""
    global _stock
    if _stock is not None:
        return True
    if not supported():
        return False
    svg: Any = importlib.import_module("weasyprint.svg")  # untyped, like all of WeasyPrint
    _stock = svg.text
    # draw_node recognises text nodes by this function (text-anchor, bounding boxes),
    # so the module's name and every tag drawn by it must point at the replacement.
    svg.text = _text
    for tag, draw in list(svg.TAGS.items()):
        if draw is _stock and tag != "textPath":
            svg.TAGS[tag] = _text
    return True


def _simple(node: Any) -> bool:
    """A node whose text has at most one x and one y, and nothing placed letter by letter."""
    from weasyprint.svg.utils import normalize

    return (
        bool(node.text)
        and all(len(normalize(node.attrib.get(xy, "")).split()) <= 1 for xy in ("x", "y"))
        and not any(node.get(name) is not None for name in _PER_LETTER)
    )


def _style(svg: Any, node: Any, font_size: float) -> Any:
    """The text's style, read from the node as WeasyPrint's own drawing reads it."""
    from weasyprint.css.properties import INITIAL_VALUES

    text_module = importlib.import_module("weasyprint.svg.text")
    style = text_module.Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [
        font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")
    ]
    style["font_style"] = node.get("font-style", "normal")
    weight = node.get("font-weight", 400)
    try:
        style["font_weight"] = _FONT_WEIGHTS.get(weight) or int(weight)
    except ValueError:
        style["font_weight"] = 400
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    return style


def _text(svg: Any, node: Any, font_size: float) -> None:
    if not _simple(node):
        _stock(svg, node, font_size)
        return
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.utils import normalize, size
    from weasyprint.text.line_break import split_first_line

    text_module = importlib.import_module("weasyprint.svg.text")
    style = _style(svg, node, font_size)
    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)
    # Where the text starts, as WeasyPrint places its first letter.
    x = y = None
    if "x" in node.attrib:
        x = size(normalize(node.attrib["x"]).strip(), font_size, svg.inner_width)
    if "y" in node.attrib:
        y = size(normalize(node.attrib["y"]).strip(), font_size, svg.inner_height)
    if x:
        svg.cursor_d_position[0] = 0
    if y:
        svg.cursor_d_position[1] = 0
    x = svg.cursor_position[0] if x is None else x
    y = svg.cursor_position[1] if y is None else y
    svg.cursor_position = x + width, y
    left, top = x + svg.cursor_d_position[0], y + svg.cursor_d_position[1]
    node.text_bounding_box = extend_bounding_box(
        node.text_bounding_box, ((left, top - baseline), (left + width, top - baseline + height))
    )

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    box = text_module.TextBox(layout, style)
    box.baseline = baseline
    emojis = draw_first_line(svg.stream, box, "none", "none", Matrix(a=1, d=-1, e=left, f=top))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)
