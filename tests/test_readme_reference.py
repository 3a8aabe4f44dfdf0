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
    renamed without a word there fails this. Each module is looked for in its own
    package's part (cli's between "cli/ (" and "over plain modules", models' after
    "models/", render's after "render/"), so a new cli/plan.py is not taken as said by the
    "planner" of another part."""
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = text.split("## Development", 1)[1].split("```", 2)[1]
    cli, rest = layout.split("cli/ (", 1)[1].split("over plain modules", 1)
    top, rest = rest.split("\n  models/", 1)
    models, rest = rest.split("\n  render/", 1)
    render = rest.split("\ntemplates/", 1)[0]
    parts = {"cli": cli, "models": models, "render": render, "": top}
    package = ROOT / "src" / "careerpath"
    missing = []
    for path in sorted(package.rglob("*.py")):
        folder = path.parent.relative_to(package).as_posix().replace(".", "")
        words = set(re.findall(r"\w+", parts[folder]))
        if path.stem not in words and path.name != "__init__.py":
            missing.append(str(path.relative_to(package)))
    assert not missing, f"the README's layout (## Development) does not name {missing}"
