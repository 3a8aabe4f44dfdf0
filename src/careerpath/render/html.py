"""HTML from the Jinja templates: the one environment, its filters and tests, and the
escaping of what a person typed (see the package's safety rules). jinja2 and markupsafe are
imported inside functions."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from careerpath import __version__
from careerpath.catalog import templates_dir
from careerpath.models import LEVEL_NAMES

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
_HTTP = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


def is_link(text: str) -> bool:
    return bool(_HTTP.match(text.strip()))


# WeasyPrint lays out a run of text with no break opportunity in time quadratic in its length
# (a 20,000-character token took 20 s; a 5 MB notes file, hours). A <wbr> every WRAP_RUN
# characters of such a run keeps it linear. It adds no character: copying, searching and
# screen readers get the text exactly as typed. Shorter runs are left alone.
WRAP_RUN = 500
_LONG_RUN = re.compile(rf"\S{{{WRAP_RUN + 1},}}")


def breakable(text: str) -> Markup:
    """``text`` escaped (it is what a person typed), with <wbr> inside very long runs."""
    from markupsafe import Markup, escape

    out, pos = [], 0
    for m in _LONG_RUN.finditer(text):
        run = m.group()
        chunks = (escape(run[i : i + WRAP_RUN]) for i in range(0, len(run), WRAP_RUN))
        out += [escape(text[pos : m.start()]), Markup("<wbr>").join(chunks)]
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


# A word of this many letters or more, in lower case after its first letter: one a narrow
# column may have to break. A name with capitals inside (PyTorch, TensorFlow) breaks before
# them instead, as a dictionary splits it badly ("Py-T-orch").
_HYPHENATE = re.compile(r"(?<![A-Za-z])[A-Za-z][a-z]{5,}(?![A-Za-z])")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@functools.lru_cache(maxsize=1)
def _dictionary() -> tuple[Any, ...]:
    import pyphen  # WeasyPrint's own hyphenation dictionaries

    # The American dictionary first: it breaks British spellings well too (reg-u-lar-i-sa-
    # tion) and knows more breaks (al-go-rithms, pipe-lines); the British one for a word it
    # cannot break (Pro-meth-eus). Not both at once: their breaks mixed read "vi-s-ion".
    return tuple(pyphen.Pyphen(lang=lang, left=2, right=2) for lang in ("en_US", "en_GB"))


def _soft_hyphens(word: str) -> str:
    # A name neither dictionary knows (Grafana) may still be too wide for its column: every
    # four letters then, the break still shown with a hyphen.
    fallback = list(range(4, len(word) - 2, 4))
    at = next((p for p in (d.positions(word) for d in _dictionary()) if p), fallback)
    return "\u00ad".join(word[i:j] for i, j in zip([0, *at], [*at, len(word)], strict=True))


def hyphenated(text: str) -> Markup:
    """``text`` escaped, with soft hyphens (U+00AD) at the syllable breaks of its long words:
    for the headers of narrow columns, which then break at those points with a visible
    hyphen. CSS ``hyphens: auto`` alone needs the browser's own dictionaries, which headless
    Chromium on Linux lacks, and ``overflow-wrap`` then cut words anywhere ("regularisatio|n")."""
    from markupsafe import escape

    text = _HYPHENATE.sub(lambda m: _soft_hyphens(m.group()), text)
    # After a slash, a break with no hyphen (ETL/ELT): the slash already parts two words.
    return escape(_CAMEL.sub("\u00ad", text).replace("/", "/\u200b"))


@functools.cache
def environment() -> jinja2.Environment:
    """The one Jinja environment of this process: compiling the templates costs more than
    rendering an HTML report, so a batch worker compiles them once (an edited template is
    still seen: the loader checks its time before each use)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,  # for every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda x: f"{x * 100:.0f}%"
    env.filters["level_name"] = lambda v: "unknown" if v is None else f"{v} {LEVEL_NAMES[v]}"
    env.filters["hours"] = lambda lo, hi: f"{lo:g}–{hi:g} h" if lo != hi else f"{lo:g} h"
    env.filters["date"] = lambda d: d.isoformat() if d else "—"
    env.filters["breakable"] = breakable
    env.filters["hyphenated"] = hyphenated
    env.tests["link"] = is_link
    return env


def render_html(template: str, **context: Any) -> str:
    context.setdefault("csp", CSP)
    context.setdefault("tool_version", __version__)
    return environment().get_template(template).render(**context)
