"""Front matter: the optional YAML block between ``---`` lines at the top of an article."""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings

import yaml

from kg.errors import FrontMatterError, FrontMatterWarning, one_line

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALARS = (str, int, float, dt.date)


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so that ``2024-02-30`` gets our message, not a traceback."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*):[ \t]+(\S.*?)\s*$")


def _yaml(text: str) -> object:
    return yaml.load(text, Loader=_FrontMatterLoader)  # noqa: S506 (a SafeLoader)


def _load_front_matter(block: str, where: str) -> object:
    """Parse front matter as YAML; a ``key: value`` line that is not valid YAML on its own
    (``title: Sudan: drone strike hits port``) is read as text to the end of its line, with a warning.

    Example:
        >>> import warnings
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     _load_front_matter("title: Sudan: strike on port\\nsource: wire", "a.md")
        {'title': 'Sudan: strike on port', 'source': 'wire'}
    """
    try:
        return _yaml(block) or {}
    except yaml.YAMLError:
        lines, repaired = block.split("\n"), []
        for i, line in enumerate(lines):
            m = _KEY_LINE.match(line)
            if m is None or _parses_alone(line):
                continue
            lines[i] = f"{m.group(1)}: {json.dumps(m.group(2), ensure_ascii=False)}"
            repaired.append(i + 2)  # the opening '---' is line 1
        if not repaired:
            raise
        meta = _yaml("\n".join(lines)) or {}  # still broken: the caller reports the original error
    for line_no in repaired:
        warnings.warn(
            FrontMatterWarning(f"{where}: front matter line {line_no} is not valid YAML; read its value as plain text"),
            stacklevel=3,
        )
    return meta


def _parses_alone(line: str) -> bool:
    try:
        _yaml(line)
    except yaml.YAMLError:
        return False
    return True


def split_front_matter(text: str, where: str) -> tuple[dict, str]:
    """Split YAML front matter from the body.

    Example:
        >>> split_front_matter("---\\ntitle: T\\n---\\nBody.", "x")
        ({'title': 'T'}, 'Body.')
    """
    m = _FRONT.match(text)
    if not m:
        if text.startswith("---\n") and "\n---" not in text[4:]:
            raise FrontMatterError(f"{where}: front matter opened with '---' but never closed")
        return {}, text
    try:
        meta = _load_front_matter(m.group(1), where)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark else ""
        problem = one_line(getattr(e, "problem", None) or e)
        raise FrontMatterError(f"{where}: broken YAML front matter{line}: {problem}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as e:  # e.g. "!!timestamp 2024-02-30"
        raise FrontMatterError(f"{where}: broken YAML front matter: {one_line(e)}") from None
    if not isinstance(meta, dict):
        raise FrontMatterError(f"{where}: front matter must be 'key: value' lines, got {type(meta).__name__}")
    for key in ("title", "source", "published"):
        if meta.get(key) is not None and not isinstance(meta[key], _SCALARS):
            raise FrontMatterError(
                f"{where}: front matter {key!r} must be a single value, not a {type(meta[key]).__name__}"
            )
    return meta, text[m.end() :]
