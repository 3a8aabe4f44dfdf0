"""The README's command reference is generated from --help by cog: it must be current."""

from __future__ import annotations

from cogapp import Cog
from conftest import ROOT


def test_the_readme_command_reference_matches_the_help(capsys):
    # `cog --check` exits non-zero (and changes nothing) when a section would change.
    status = Cog().main(["cog", "--check", str(ROOT / "README.md")])
    out = capsys.readouterr()
    assert status == 0, f"run `cog -r README.md` and review the diff\n{out.out}{out.err}"


def test_the_readme_layout_names_every_module():
    """The development section documents the layout as it is: a module added, moved or
    renamed without a word there fails this."""
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = text.split("## Development", 1)[1].split("```", 2)[1]
    words = set(re.findall(r"[\w]+", layout))
    package = ROOT / "src" / "careerpath"
    missing = [
        str(path.relative_to(package))
        for path in sorted(package.rglob("*.py"))
        if path.stem not in words and path.name != "__init__.py"
    ]
    assert not missing, f"the README's layout (## Development) does not name {missing}"
