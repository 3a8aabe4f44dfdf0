"""HTML from the Jinja templates: the one environment, its filters and tests, and the
escaping of what a person typed (see the package's safety rules). jinja2 and markupsafe are
imported inside functions.

The templates' words go through gettext (``jinja2.ext.i18n``, newstyle: ``_("From %(a)s",
a=x)``) in the language careerpath speaks when a page is rendered (:mod:`careerpath.i18n`);
dates, numbers and hours through the filters here, which follow that language too."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from careerpath import __version__, i18n
from careerpath.catalog import templates_dir
from careerpath.commands import next_command
from careerpath.i18n import N_, _
from careerpath.scoring import KNOWN_ENOUGH

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
# them instead, as a dictionary splits it badly ("Py-T-orch"). Latin-1's accented letters
# count as letters: Portuguese words have them ("Visualização").
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
_HYPHENATE = re.compile(
    rf"(?<![{_UPPER}{_LOWER}])[{_UPPER}{_LOWER}][{_LOWER}]{{5,}}(?![{_UPPER}{_LOWER}])"
)
_CAMEL = re.compile(rf"(?<=[{_LOWER}])(?=[{_UPPER}])")
# The hyphenation dictionaries of each language, the first that can break a word wins. English:
# the American dictionary first: it breaks British spellings well too (reg-u-lar-i-sa-tion) and
# knows more breaks (al-go-rithms, pipe-lines); the British one for a word it cannot break
# (Pro-meth-eus). Not both at once: their breaks mixed read "vi-s-ion". Portuguese: Brazil's,
# then the common one; English after them for the loanwords (pipeline, dashboard).
_DICTIONARIES = {"en": ("en_US", "en_GB"), "pt-BR": ("pt_BR", "pt", "en_US")}


@functools.cache
def _dictionary(lang: str) -> tuple[Any, ...]:
    import pyphen  # WeasyPrint's own hyphenation dictionaries

    return tuple(pyphen.Pyphen(lang=name, left=2, right=2) for name in _DICTIONARIES[lang])


def _soft_hyphens(word: str) -> str:
    # A name no dictionary knows (Grafana) may still be too wide for its column: every
    # four letters then, the break still shown with a hyphen.
    fallback = list(range(4, len(word) - 2, 4))
    found = (d.positions(word) for d in _dictionary(i18n.current()))
    at = next((p for p in found if p), fallback)
    return "\u00ad".join(word[i:j] for i, j in zip([0, *at], [*at, len(word)], strict=True))


def hyphenated(text: str) -> Markup:
    """``text`` escaped, with soft hyphens (U+00AD) at the syllable breaks of its long words
    (the current language's dictionaries): for the headers of narrow columns, which then
    break at those points with a visible hyphen. CSS ``hyphens: auto`` alone needs the
    browser's own dictionaries, which headless Chromium on Linux lacks, and ``overflow-wrap``
    then cut words anywhere ("regularisatio|n")."""
    from markupsafe import escape

    text = _HYPHENATE.sub(lambda m: _soft_hyphens(m.group()), text)
    # After a slash, a break with no hyphen (ETL/ELT): the slash already parts two words.
    return escape(_CAMEL.sub("\u00ad", text).replace("/", "/\u200b"))


# Level names as reports print them, number first. Their own messages (not "none" alone): a
# language may write a level's name differently from the same English word elsewhere.
LEVEL_LABELS = (N_("0 none"), N_("1 aware"), N_("2 working"), N_("3 proficient"), N_("4 expert"))
# The report's page numbers (in its stylesheet's page margins).
PAGE_OF = N_("Page {page} of {pages}")
_CSS_UNSAFE = re.compile(r'["\\<>\n]')


def level_name(level: int | None) -> str:
    return _("unknown") if level is None else _(LEVEL_LABELS[level])


def hours(low: float, high: float) -> str:
    """An hour range ("6–10 h"), its numbers as the language writes them."""
    if low == high:
        return _("{hours} h").format(hours=i18n.format_number(low))
    return _("{low}–{high} h").format(low=i18n.format_number(low), high=i18n.format_number(high))


def as_sentence(text: str) -> str:
    """A message written to follow a label or a colon ("you meet every skill ...") as a
    paragraph of its own: a capital first, a full stop last."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def fixed(value: float, digits: int = 1) -> str:
    """``value`` with exactly ``digits`` decimals, in the language's decimal mark."""
    if i18n.current() == i18n.DEFAULT:
        return f"{value:.{digits}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=i18n.locale_name())


def decimal(value: float) -> str:
    """A float as Python prints it ("2.0", "2.25"), in the language's decimal mark."""
    if i18n.current() == i18n.DEFAULT:
        return str(value)
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.0##", locale=i18n.locale_name())


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string, for the stylesheet's generated content: quotes,
    backslashes and angle brackets escaped (the stylesheet sits inside a <style> element)."""
    from markupsafe import Markup

    return Markup('"{}"').format(Markup(_CSS_UNSAFE.sub(lambda m: f"\\{ord(m.group()):x} ", text)))


def page_numbers() -> Markup:
    """The CSS ``content`` of the page-number margin box, "Page 1 of 9" in the language."""
    from markupsafe import Markup

    parts = re.split(r"\{(page|pages)\}", _(PAGE_OF))
    # re.split alternates text and the names it split on: text, name, text, name, text.
    out = [css_string(p) if i % 2 == 0 else Markup(f"counter({p})") for i, p in enumerate(parts)]
    return Markup(" ").join(o for i, o in enumerate(out) if i % 2 or parts[i])


def code_spans(text: str) -> Markup:
    """A message's `command` spans as <code> (the terminal shows the backticks; a page reader
    should not), the rest escaped."""
    from markupsafe import Markup, escape

    parts = str(text).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: not a span, shown as written
        return escape(text)
    return Markup("").join(
        Markup("<code>{}</code>").format(p) if i % 2 else escape(p) for i, p in enumerate(parts)
    )


_BREAKS = re.compile("([\xad\u200b])")


def _visible(value: Any) -> Any:
    """Every value a template prints, its control and bidi-override characters shown as
    escapes, as the terminal shows them: escaping stops markup, not an ESC sequence that
    `pdfinfo` prints into a terminal, nor RIGHT-TO-LEFT OVERRIDE making "gnp.exe" read
    "exe.png" in the PDF."""
    from markupsafe import Markup

    from careerpath.errors import printable

    def shown(text: str) -> str:
        # Soft hyphens and zero-width spaces stay: the hyphenation filters put them where a
        # long label may break.
        parts = _BREAKS.split(text)
        return "".join(p if i % 2 else printable(p, lines=True) for i, p in enumerate(parts))

    if isinstance(value, Markup):
        return Markup(shown(str(value)))
    return shown(value) if isinstance(value, str) else value


@functools.cache
def environment() -> jinja2.Environment:
    """The one Jinja environment of this process: compiling the templates costs more than
    rendering an HTML report, so a batch worker compiles them once (an edited template is
    still seen: the loader checks its time before each use)."""
    import jinja2

    from careerpath.render.charts import name_lines

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,  # for every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
        finalize=_visible,
    )
    # The callables look the language up at each call: one cached environment for every
    # language (newstyle: "%(name)s" placeholders, the values autoescaped).
    env.install_gettext_callables(i18n._, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["pct"] = i18n.format_percent
    env.filters["code_spans"] = code_spans
    env.filters["level_name"] = level_name
    env.filters["hours"] = hours
    env.filters["date"] = lambda d: i18n.format_date(d) if d else "—"
    env.filters["number"] = i18n.format_number
    env.filters["listed"] = i18n.format_list
    env.filters["fixed"] = fixed
    env.filters["as_sentence"] = as_sentence
    env.filters["decimal"] = decimal
    env.filters["css_string"] = css_string
    env.filters["name_lines"] = name_lines
    env.globals["page_numbers"] = page_numbers
    env.globals["KNOWN_ENOUGH"] = KNOWN_ENOUGH  # below it, a role's figures are mostly estimate
    env.globals["next_command"] = next_command  # with the run's --data-dir and --lang
    env.filters["breakable"] = breakable
    env.filters["hyphenated"] = hyphenated
    env.tests["link"] = is_link
    return env


def render_html(template: str, **context: Any) -> str:
    context.setdefault("csp", CSP)
    context.setdefault("lang", i18n.current())
    context.setdefault("tool_version", __version__)
    page: str = environment().get_template(template).render(**context)
    return page
