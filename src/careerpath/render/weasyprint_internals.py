"""The WeasyPrint versions whose internals careerpath's replacements (svg_text, user_agent)
were checked against: any other version gets WeasyPrint's own code, slower but right."""

from __future__ import annotations

# Major versions. A new one: read what the replacements replace in it (svg/text.py, and
# css/html5_ua.css), then add it here (tests/test_report_pdf.py fails until then).
CHECKED = ("70",)


def supported() -> bool:
    """Whether the installed WeasyPrint is one the replacements were checked against."""
    import weasyprint

    return str(weasyprint.__version__).split(".")[0] in CHECKED
