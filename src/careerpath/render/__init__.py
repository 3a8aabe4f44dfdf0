"""Rendering a document: HTML from the Jinja templates (``html``), a PDF from that HTML
(``pdf``), the geometry of the SVG charts (``charts``), and a rendered document's format and
file (``document``).

Safety rules, all enforced in this package: every template is autoescaped whatever its
extension; no ``|safe`` on text a person typed (``|breakable`` escapes it itself); links only
for http(s) evidence; WeasyPrint may read only files inside the templates folder. jinja2 and
WeasyPrint are imported inside functions: `careerpath --help` and `assess` must not load them.
"""
