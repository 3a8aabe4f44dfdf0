"""careerpath.settings: every environment variable, read in one place."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from careerpath.errors import UsageError
from careerpath.settings import Settings


def test_an_empty_environment_gives_the_defaults(monkeypatch):
    monkeypatch.setattr(Path, "home", lambda: Path("/home/someone"))
    s = Settings.read({})
    assert s == Settings()
    assert (s.data_dir, s.no_cache, s.source_date_epoch, s.pseudonym_key) == (
        None,
        False,
        None,
        None,
    )
    assert s.pseudonym_key_file == Path("/home/someone/.config/careerpath/pseudonym.key")
    assert s.config_home_name == "~/.config"
    assert s.build_time() is None


def test_each_variable_is_read():
    s = Settings.read(
        {
            "CAREERPATH_DATA": "/srv/catalogue",
            "CAREERPATH_NO_CACHE": "1",
            "SOURCE_DATE_EPOCH": "1790000000",
            "CAREERPATH_PSEUDONYM_KEY": "k\udcff",  # not UTF-8: kept as the bytes set
            "XDG_CONFIG_HOME": "/etc/xdg-of-me",
        }
    )
    assert s.data_dir == Path("/srv/catalogue")
    assert s.no_cache is True
    assert s.build_time() == dt.datetime(2026, 9, 21, 14, 13, 20, tzinfo=dt.UTC)
    assert s.pseudonym_key == b"k\xff"
    assert s.pseudonym_key_file == Path("/etc/xdg-of-me/careerpath/pseudonym.key")
    assert s.config_home_name == "$XDG_CONFIG_HOME"


@pytest.mark.parametrize("value", ["", "0"])
def test_an_empty_or_zero_no_cache_keeps_the_cache(value):
    assert Settings.read({"CAREERPATH_NO_CACHE": value}).no_cache is False


def test_empty_values_mean_unset_except_for_the_key():
    env = {"CAREERPATH_DATA": "", "SOURCE_DATE_EPOCH": "", "XDG_CONFIG_HOME": ""}
    s = Settings.read({**env, "CAREERPATH_PSEUDONYM_KEY": ""})
    assert (s.data_dir, s.source_date_epoch, s.config_home) == (None, None, None)
    assert s.pseudonym_key == b""  # set but empty: refused as too short, not ignored


@pytest.mark.parametrize("epoch", ["yesterday", "1.5", "99999999999999999999"])
def test_a_source_date_epoch_that_is_no_unix_time_is_one_clear_error(epoch):
    with pytest.raises(UsageError, match=f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time"):
        Settings.read({"SOURCE_DATE_EPOCH": epoch}).build_time()


def test_the_environment_is_read_at_each_call(monkeypatch):
    # `--no-cache` sets CAREERPATH_NO_CACHE while the command runs.
    monkeypatch.delenv("CAREERPATH_NO_CACHE", raising=False)
    assert Settings.read().no_cache is False
    monkeypatch.setenv("CAREERPATH_NO_CACHE", "1")
    assert Settings.read().no_cache is True


def test_help_does_not_import_settings():
    # Settings are a pydantic model: `careerpath --help` must not pay for pydantic.
    child = (
        "import json, sys\n"
        "from click.testing import CliRunner\n"
        "from careerpath.cli import cli\n"
        "CliRunner().invoke(cli, ['--help'])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m in "
        "('careerpath.settings', 'pydantic'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
