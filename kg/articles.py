"""Stage 1: read an article file into an :class:`~kg.model.Article`.

Articles are UTF-8 text or Markdown with optional YAML front matter between
``---`` lines (``title``, ``source``, ``published``). Anything else (binary,
Latin-1, empty, too big, broken front matter, a date that does not exist) is an
:class:`~kg.errors.ArticleError` with one line saying what and what to try. A
text that does not look like English is read, with a :class:`~kg.errors.LanguageWarning`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from kg.errors import (
    ArticleNotFoundError,
    ArticleTooBigError,
    DateError,
    EmptyArticleError,
    EncodingError,
    FrontMatterError,
    LanguageWarning,
    one_line,
)
from kg.language import guess_english
from kg.model import Article

SUFFIXES = frozenset({".txt", ".md", ".markdown"})
MAX_BYTES = 5_000_000  # a wire report is ~5 kB; a bigger file is almost surely not one article
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)
#: publication years accepted: others are typos ("0224-11-25"), and relative dates
#: ("last week") cannot be resolved next to the calendar's ends
YEARS = range(1800, 2201)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALARS = (str, int, float, dt.date)


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so that ``2024-02-30`` gets our message, not a traceback."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def article_id(body: str) -> str:
    """Return the stable id of an article: a short hash of its body.

    Example:
        >>> article_id("Hello.")
        '2d8bd7d9bb5f85ba'
    """
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()[:16]


def parse_date(value: object, where: str) -> dt.date:
    """Parse an ISO date (``2024-11-25``) or a YAML date, or raise DateError.

    Example:
        >>> parse_date("2024-11-25", "x")
        datetime.date(2024, 11, 25)
    """
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = str(value).strip()
        try:
            day = dt.date.fromisoformat(text[:10])
        except (ValueError, TypeError):
            raise DateError(
                f"{where}: published date {text!r} is not a real ISO date (YYYY-MM-DD); "
                "fix the front matter or pass --date"
            ) from None
    return _plausible(day, f"{where}: published date ", "fix the front matter or pass --date")


def _plausible(day: dt.date, head: str, hint: str) -> dt.date:
    if day.year not in YEARS:
        raise DateError(f"{head}{day.isoformat()!r} is outside the years {YEARS[0]}-{YEARS[-1]} (a typo?); {hint}")
    return day


def parse_cli_date(text: str) -> dt.date:
    """Parse the ``--date`` option, or raise DateError.

    Example:
        >>> parse_cli_date("2024-11-25")
        datetime.date(2024, 11, 25)
    """
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            day = dt.date.fromisoformat(text.strip())
            return _plausible(day, "--date: ", "write a date such as --date 2024-11-25")
    except ValueError:
        pass
    raise DateError(f"--date {text!r}: not a real date; write YYYY-MM-DD, e.g. --date 2024-11-25")


def _utf16_without_bom(sample: bytes) -> str:
    """``"utf-16le"`` or ``"utf-16be"`` if NUL bytes sit in every other place, as in ASCII-range UTF-16."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) >= 4 and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16le"
    if len(sample) >= 4 and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16be"
    return ""


def decode(data: bytes, where: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM) or BOM-marked UTF-16/UTF-32; refuse anything else.

    Example:
        >>> decode("Israel struck Gaza.".encode("utf-16"), "a.txt")
        'Israel struck Gaza.'
    """
    if not data.strip():
        what = "empty" if not data else "only whitespace"
        raise EmptyArticleError(f"{where}: the file is {what}; nothing to build")
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                raise EncodingError(f"{where}: UTF-32 byte-order mark but bad UTF-32 ({e.reason})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise EncodingError(f"{where}: UTF-16 byte-order mark but bad UTF-16 ({e.reason})") from None
    if b"\x00" in data[:8192]:
        if codec := _utf16_without_bom(data[:8192]):
            raise EncodingError(
                f"{where}: looks like {codec.upper()} text without a byte-order mark; "
                f"convert it with 'iconv -f {codec} -t utf-8'"
            )
        raise EncodingError(f"{where}: binary file (NUL bytes), not a text article; remove it from the input")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise EncodingError(
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
            raise FrontMatterError(f"{where}: front matter opened with '---' but never closed")
        return {}, text
    try:
        meta = yaml.load(m.group(1), Loader=_FrontMatterLoader) or {}  # noqa: S506 (a SafeLoader)
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
    too_big = (
        f"{where}: {{size:,}} bytes is over the limit of {max_bytes:,} for one article; split it, or raise --max-bytes"
    )
    try:
        # refuse by size before reading, and never read more than the limit (the file may grow meanwhile)
        size = p.stat().st_size
        if size > max_bytes:
            raise ArticleTooBigError(too_big.format(size=size))
        with p.open("rb") as f:
            data = f.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ArticleTooBigError(too_big.format(size=len(data)) + " (it grew while being read)")
    except FileNotFoundError:
        raise ArticleNotFoundError(f"{where}: no such file") from None
    except IsADirectoryError:
        raise ArticleNotFoundError(f"{where}: is a directory; pass it to 'kg build' as a directory") from None
    except OSError as e:
        raise ArticleNotFoundError(f"{where}: cannot read ({e.strerror})") from None
    return parse_article(decode(data, where), where, date)


def parse_article(text: str, where: str = "<text>", date: dt.date | None = None) -> Article:
    """Build an Article from decoded text.

    Example:
        >>> a = parse_article("---\\npublished: 2024-11-25\\n---\\nIsrael struck Gaza.")
        >>> a.published, a.body
        (datetime.date(2024, 11, 25), 'Israel struck Gaza.')
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise EncodingError(f"{where}: not valid Unicode text (a lone surrogate at offset {e.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = split_front_matter(text, where)
    if not body.strip():
        raise EmptyArticleError(f"{where}: the article has no body text (only whitespace or front matter)")
    guess = guess_english(body)
    if not guess.english:
        warnings.warn(
            LanguageWarning(
                f"{where}: does not look like English ({guess.function_words} of {guess.words} words are "
                "common English function words); only its Article node is built, no facts"
            ),
            stacklevel=2,
        )
    published = date and _plausible(date, f"{where}: publication date ", "pass another --date")
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
                raise ArticleNotFoundError(f"{p.as_posix()}: directory holds no .txt or .md articles")
            yield from found
        elif p.exists():
            yield p
        else:
            raise ArticleNotFoundError(f"{p.as_posix()}: no such file or directory")
