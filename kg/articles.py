"""Stage 1: read an article file into an :class:`~kg.model.Article`.

Articles are UTF-8 text or Markdown with optional YAML front matter between
``---`` lines (``title``, ``source``, ``published``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from kg.errors import ArticleError
from kg.model import Article

SUFFIXES = frozenset({".txt", ".md", ".markdown"})
MAX_BYTES = 5_000_000  # a wire report is ~5 kB; a bigger file is almost surely not one article
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)


def article_id(body: str) -> str:
    """Return the stable id of an article: a short hash of its body.

    Example:
        >>> article_id("Hello.")
        '2d8bd7d9bb5f85ba'
    """
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()[:16]


def parse_date(value: object, where: str) -> dt.date:
    """Parse an ISO date (``2024-11-25``) or a YAML date, or raise ArticleError.

    Example:
        >>> parse_date("2024-11-25", "x")
        datetime.date(2024, 11, 25)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ArticleError(
            f"{where}: published date {text!r} is not a real ISO date (YYYY-MM-DD); fix the front matter or pass --date"
        ) from None


def decode(data: bytes, where: str) -> str:
    """Decode article bytes as UTF-8 (or BOM-marked UTF-16), refusing anything else."""
    if not data.strip():
        raise ArticleError(f"{where}: the file is empty; nothing to build")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ArticleError(f"{where}: UTF-16 byte-order mark but bad UTF-16 ({e.reason})") from None
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{where}: binary file (NUL bytes), not a text article; skip it")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArticleError(
            f"{where}: not UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); it may be "
            f"Latin-1 or cp1252: convert it with 'iconv -f latin1 -t utf-8'"
        ) from None


def split_front_matter(text: str, where: str) -> tuple[dict, str]:
    """Split YAML front matter from the body.

    Example:
        >>> split_front_matter("---\\ntitle: T\\n---\\nBody.", "x")
        ({'title': 'T'}, 'Body.')
    """
    m = _FRONT.match(text)
    if not m:
        if text.startswith("---\n") and "\n---" not in text[4:]:
            raise ArticleError(f"{where}: front matter opened with '---' but never closed")
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark else ""
        raise ArticleError(f"{where}: broken YAML front matter{line}: {getattr(e, 'problem', e)}") from None
    if not isinstance(meta, dict):
        raise ArticleError(f"{where}: front matter must be 'key: value' lines, got {type(meta).__name__}")
    return meta, text[m.end() :]


def load_article(path: str | Path, date: dt.date | None = None, max_bytes: int = MAX_BYTES) -> Article:
    """Read one article file.

    Args:
        path: a ``.txt`` or ``.md`` file.
        date: overrides the front matter's ``published``.
        max_bytes: larger files are refused.

    Returns:
        The Article, its body without front matter.

    Raises:
        ArticleError: missing, unreadable, empty, binary, not UTF-8, too big, bad front matter.
    """
    p = Path(path)
    where = p.as_posix()
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise ArticleError(
                f"{where}: {size:,} bytes is over the limit of {max_bytes:,} for one article; "
                "split it, or raise --max-bytes"
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{where}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{where}: is a directory; pass it to 'kg build' as a directory") from None
    except OSError as e:
        raise ArticleError(f"{where}: cannot read ({e.strerror})") from None
    return parse_article(decode(data, where), where, date)


def parse_article(text: str, where: str = "<text>", date: dt.date | None = None) -> Article:
    """Build an Article from decoded text.

    Example:
        >>> a = parse_article("---\\npublished: 2024-11-25\\n---\\nIsrael struck Gaza.")
        >>> a.published, a.body
        (datetime.date(2024, 11, 25), 'Israel struck Gaza.')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = split_front_matter(text, where)
    if not body.strip():
        raise ArticleError(f"{where}: the article has no body text (only whitespace or front matter)")
    published = date
    if published is None and meta.get("published") is not None:
        published = parse_date(meta["published"], where)
    title = str(meta.get("title") or "").strip()
    if not title:
        title = body.strip().splitlines()[0].lstrip("# ").strip()[:120]
    return Article(
        id=article_id(body),
        body=body,
        path=where,
        title=title,
        source=str(meta.get("source") or "").strip(),
        published=published,
    )


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield article files: files as given, directories searched recursively, sorted.

    Raises:
        ArticleError: a path does not exist, or a directory holds no articles.
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file())
            if not found:
                raise ArticleError(f"{p.as_posix()}: directory holds no .txt or .md articles")
            yield from found
        elif p.exists():
            yield p
        else:
            raise ArticleError(f"{p.as_posix()}: no such file or directory")
