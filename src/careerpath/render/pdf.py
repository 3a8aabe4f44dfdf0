"""PDF from HTML with WeasyPrint, which may read only files inside the templates folder.
WeasyPrint is imported inside functions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from careerpath import __version__, i18n
from careerpath.catalog import templates_dir
from careerpath.render.html import environment


def templates_only_fetcher(refused: list[str]) -> Any:
    """WeasyPrint URL fetcher that serves files inside the templates folder and refuses
    everything else (network, other files, attachments), remembering what it refused."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    root = templates_dir().resolve()

    # WeasyPrint ships no types, so URLFetcher is Any to mypy; the subclass is the one way
    # to give WeasyPrint a fetcher.
    class TemplatesOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path.is_file() and path.is_relative_to(root):
                    return super().fetch(url, headers)
            refused.append(url)
            raise ValueError(f"careerpath does not fetch {url[:80]!r}")

    return TemplatesOnlyFetcher(allowed_protocols=("file",), timeout=1)


def pdf_bytes(html: str, *, title: str, refused: list[str] | None = None) -> bytes:
    """Render ``html`` with WeasyPrint. Metadata come from the HTML (title, no author); the
    language, and with it WeasyPrint's hyphenation, from its ``lang`` attribute."""
    import logging

    from careerpath.render import html_parse, svg_text, user_agent

    html_parse.install()
    svg_text.install()
    # WeasyPrint logs each refused fetch as a warning; we report them ourselves.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    refused = refused if refused is not None else []
    fetcher = templates_only_fetcher(refused)
    document = user_agent.html_class()(
        string=html, base_url=templates_dir().as_uri() + "/", url_fetcher=fetcher
    ).render()
    document.metadata.title = title
    document.metadata.authors = []
    document.metadata.generator = f"careerpath {__version__}"
    document.metadata.created = document.metadata.modified = None
    pdf: bytes = document.write_pdf()  # Any to mypy: WeasyPrint ships no types
    return pdf


def warm() -> None:
    """Pay once per process what every report would otherwise pay on its own: the templates
    compiled, WeasyPrint's modules imported and its fonts found, by rendering a one-page PDF
    in the report's stylesheet (a batch worker calls this before its first job)."""
    env = environment()
    # Every page and the templates they extend or import, compiled here, not in the first job.
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html.j2")):
        env.get_template(name)
    css = env.get_template("report.css").render(paper="A4", when=dt.date(2000, 1, 1))
    page = (
        f'<!doctype html><html lang="{i18n.current()}"><head><title>warm</title>'
        f"<style>{css}</style></head><body>"
        "<h1>warm</h1><table><tr><td>a</td></tr></table>"
        '<svg class="chart" viewBox="0 0 10 10"><text x="1" y="5">a</text></svg>'
        "</body></html>"
    )
    pdf_bytes(page, title="warm")
