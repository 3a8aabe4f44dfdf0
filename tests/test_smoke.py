from careerpath.cli import cli


def test_validate_bundled_catalogue(runner):
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")
