"""A Babel extractor for the command line's help (``babel.cfg`` maps ``cli/`` to it).

Help texts are plain English strings in the click decorators (``help="..."``) and the
commands' docstrings, as click expects them; this finds them for ``pybabel extract`` beside
the usual ``_()`` calls, so they need no marking. ``help=NAME`` is found too when NAME is a
module-level string constant (help texts declared once and shared); a help built at run time
(an f-string, a helper's argument) is not, and is marked ``N_`` where it is written. The
command line translates them when the language is known (``cli.language.localise_help``),
looking up the same cleaned text.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python

_DECORATORS = {"command", "group"}


def _decorated_as_command(node: ast.FunctionDef) -> bool:
    for decorator in node.decorator_list:
        call = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = call.attr if isinstance(call, ast.Attribute) else getattr(call, "id", "")
        if name in _DECORATORS:
            return True
    return False


def _module_strings(tree: ast.Module) -> dict[str, str]:
    # NAME = "..." (and NAME += "...", for a long one) at the top of the module: what
    # help=NAME refers to.
    strings: dict[str, str] = {}
    for node in tree.body:
        if (
            isinstance(node, ast.AugAssign)
            and isinstance(node.op, ast.Add)
            and isinstance(node.target, ast.Name)
            and node.target.id in strings
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            strings[node.target.id] += node.value.value
            continue
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if (
            isinstance(target, ast.Name)
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
        ):
            strings[target.id] = value.value
    return strings


def _help_text(value: ast.expr, strings: Mapping[str, str]) -> str | None:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value or None
    if isinstance(value, ast.Name):
        return strings.get(value.id)
    return None


def extract(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Any,
) -> Iterator[tuple[Any, ...]]:
    """Babel's extractor interface: the ``_()`` calls, then every help text and docstring, as
    (line, function, message, comments). Babel's own annotations of these tuples disagree with
    what it yields, hence the loose types."""
    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    tree = ast.parse(source)
    strings = _module_strings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                text = _help_text(keyword.value, strings)
                if keyword.arg in ("help", "short_help") and text:
                    yield keyword.value.lineno, None, inspect.cleandoc(text), []
        elif isinstance(node, ast.FunctionDef) and _decorated_as_command(node):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                yield node.lineno, None, inspect.cleandoc(doc), []
