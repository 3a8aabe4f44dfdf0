"""The JSON text the tool prints (``--json``): indented, non-ASCII as it is, and a long list
written item by item so that 100,000 cohort members never sit in memory twice over."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel


def dumps(data: Any) -> str:
    """``data`` (a model is dumped first) as the tool prints it. Through json.dumps, not
    pydantic's writer, which refuses the lone surrogate an undecodable file name becomes
    (here it is JSON's \\udcff)."""
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)


def chunks(model: BaseModel, field: str) -> Iterator[str]:
    """``dumps(model)`` in pieces, the same text, the list ``field`` one item at a time."""
    items = getattr(model, field)
    if not items:
        yield dumps(model)
        return
    marker = "\0careerpath-items\0"  # a string no field can hold: names are printable text
    dumped = model.model_dump(mode="json", exclude={field})
    # Keys in the model's order, the listed field kept in its place (its value replaced).
    data = {k: marker if k == field else dumped.get(k) for k in type(model).model_fields}
    head, tail = json.dumps(data, indent=2, ensure_ascii=False).split(json.dumps(marker), 1)
    yield head + "["
    for i, item in enumerate(items):
        # One item at two levels of nesting: json.dumps indents structurally, so its lines
        # shifted by four spaces are what dumping the whole document writes.
        text = dumps(item).replace("\n", "\n    ")
        yield ("," if i else "") + "\n    " + text
    yield "\n  ]" + tail
