"""The versions of WeasyPrint and of its HTML parser, tinyhtml5, whose internals careerpath's
replacements (svg_text, user_agent, html_parse) were checked against: any other version gets
the library's own code, slower but right."""

from __future__ import annotations

import importlib

# Major versions per package. A new one: read what the replacements replace in it
# (WeasyPrint's svg/text.py and css/html5_ua.css, tinyhtml5's inputstream.py), then add it
# here (tests/test_report_pdf.py fails until then).
CHECKED = {"weasyprint": ("70",), "tinyhtml5": ("2",)}


def supported(package: str = "weasyprint") -> bool:
    """Whether the installed ``package`` is a version the replacements were checked against."""
    version = str(importlib.import_module(package).__version__)
    return version.split(".")[0] in CHECKED[package]
