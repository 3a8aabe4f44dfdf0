"""The README's command reference is generated from --help by cog: it must be current."""

from __future__ import annotations

from cogapp import Cog
from conftest import ROOT


def test_the_readme_command_reference_matches_the_help(capsys):
    # `cog --check` exits non-zero (and changes nothing) when a section would change.
    status = Cog().main(["cog", "--check", str(ROOT / "README.md")])
    out = capsys.readouterr()
    assert status == 0, f"run `cog -r README.md` and review the diff\n{out.out}{out.err}"
