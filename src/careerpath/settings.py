"""Every environment variable careerpath reads, and the default location one of them moves,
read in one place. ``Settings.read()`` reads the environment afresh at each call: ``--no-cache``
sets a variable for the batch's child processes, and a test changes them. Imported inside the
functions that need it (pydantic is not loaded by `careerpath --help`).

- ``CAREERPATH_DATA``: the catalogue folder (``--data-dir`` wins over it).
- ``CAREERPATH_NO_CACHE``: anything but empty or 0 turns the catalogue cache off.
- ``SOURCE_DATE_EPOCH``: the date of reports and the stamp of calendar files, for
  reproducible builds (https://reproducible-builds.org/specs/source-date-epoch/).
- ``CAREERPATH_PSEUDONYM_KEY``: the key of cohort and team pseudonyms; without it, a key file
  in ``$XDG_CONFIG_HOME/careerpath/`` (``~/.config/careerpath/``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from careerpath.errors import UsageError
from careerpath.i18n import _

DATA_ENV = "CAREERPATH_DATA"
NO_CACHE_ENV = "CAREERPATH_NO_CACHE"
EPOCH_ENV = "SOURCE_DATE_EPOCH"
PSEUDONYM_KEY_ENV = "CAREERPATH_PSEUDONYM_KEY"
CONFIG_HOME_ENV = "XDG_CONFIG_HOME"


class Settings(BaseModel):
    """What the environment says; None where a variable is unset (or empty, where an empty
    value means nothing)."""

    model_config = ConfigDict(frozen=True)

    data_dir: Path | None = None
    no_cache: bool = False
    source_date_epoch: str | None = None
    # Kept as given, even empty: a key that is set but too short is refused, not ignored.
    pseudonym_key: bytes | None = None
    config_home: Path | None = None

    @classmethod
    def read(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        key = env.get(PSEUDONYM_KEY_ENV)
        return cls(
            data_dir=Path(env[DATA_ENV]) if env.get(DATA_ENV) else None,
            no_cache=env.get(NO_CACHE_ENV, "") not in ("", "0"),
            source_date_epoch=env.get(EPOCH_ENV) or None,
            # As the bytes the user set: a key need not be valid UTF-8.
            pseudonym_key=None if key is None else key.encode("utf-8", "surrogateescape"),
            config_home=Path(env[CONFIG_HOME_ENV]) if env.get(CONFIG_HOME_ENV) else None,
        )

    @property
    def pseudonym_key_file(self) -> Path:
        return (self.config_home or Path.home() / ".config") / "careerpath" / "pseudonym.key"

    @property
    def config_home_name(self) -> str:
        """How to name the config folder to the user."""
        return f"${CONFIG_HOME_ENV}" if self.config_home else "~/.config"

    def build_time(self) -> dt.datetime | None:
        """``SOURCE_DATE_EPOCH`` as an aware time, None when it is unset."""
        if not self.source_date_epoch:
            return None
        try:
            return dt.datetime.fromtimestamp(int(self.source_date_epoch), tz=dt.UTC)
        except (ValueError, OverflowError, OSError):
            message = _("{variable}={value} is not a Unix time")
            raise UsageError(
                message.format(variable=EPOCH_ENV, value=repr(self.source_date_epoch))
            ) from None
