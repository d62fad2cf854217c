"""Stage 1: read an article file into an :class:`~kg.model.Article`.

Articles are UTF-8 text or Markdown with optional YAML front matter between
``---`` lines (``title``, ``source``, ``published``). Anything else (binary,
Latin-1, empty, too big, broken front matter, a date that does not exist) is an
:class:`~kg.errors.ArticleError` with one line saying what and what to try. A
text that does not look like English is read, with a :class:`~kg.errors.LanguageWarning`.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import stat
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from kg.errors import (
    ArticleNotFoundError,
    ArticleTooBigError,
    DateError,
    EmptyArticleError,
    EncodingError,
    HostileTextWarning,
    InputWarning,
    LanguageWarning,
    UndatedWarning,
)
from kg.frontmatter import split_front_matter
from kg.language import guess_english
from kg.model import Article

SUFFIXES = frozenset({".txt", ".md", ".markdown"})
MAX_BYTES = 5_000_000  # a wire report is ~5 kB; a bigger file is almost surely not one article
#: publication years accepted: others are typos ("0224-11-25"), and relative dates
#: ("last week") cannot be resolved next to the calendar's ends
YEARS = range(1800, 2201)


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
        data = _read_regular(p, where, max_bytes, too_big)
    except FileNotFoundError:
        raise ArticleNotFoundError(f"{where}: no such file") from None
    except IsADirectoryError:
        raise ArticleNotFoundError(f"{where}: is a directory; pass it to 'kg build' as a directory") from None
    except OSError as e:
        raise ArticleNotFoundError(f"{where}: cannot read ({e.strerror})") from None
    article = parse_article(decode(data, where), where, date)
    if article.published is None:
        warnings.warn(
            UndatedWarning(
                f"{where}: no publication date, so relative dates ('on Monday') stay unresolved; "
                "add 'published: YYYY-MM-DD' to its front matter or pass --date"
            ),
            stacklevel=2,
        )
    # the article is the file, wherever it is named from: one article per resolved path
    return replace(article, path=_identity(p))


def _identity(p: Path) -> str:
    """The path an article is known by: absolute, links and ``..`` resolved, posix separators."""
    try:
        return p.resolve().as_posix()
    except (OSError, RuntimeError):
        return p.absolute().as_posix()


#: The longest run of punctuation or symbols kept as written. spaCy's tokenizer strips a
#: whitespace-free run one character at a time, so its time grows with the square of
#: the run's length (8,000 quote marks: 6 s; 100,000: hours); news prose never needs more.
MAX_PUNCT_RUN = 32
_PUNCT_RUN = re.compile(rf"(?:[^\w\s]|_){{{MAX_PUNCT_RUN + 1},}}")


def collapse_punctuation_runs(body: str, where: str = "<text>") -> str:
    """Shorten every run of punctuation or symbols to ``MAX_PUNCT_RUN`` characters, with a warning.

    Example:
        >>> import warnings
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     len(collapse_punctuation_runs("Wait" + "!" * 1000 + " then."))
        42
    """
    runs = 0

    def cut(m: re.Match[str]) -> str:
        nonlocal runs
        runs += 1
        return m.group(0)[:MAX_PUNCT_RUN]

    out = _PUNCT_RUN.sub(cut, body)
    if runs:
        warnings.warn(
            HostileTextWarning(
                f"{where}: {runs:,} run(s) of punctuation or symbols longer than {MAX_PUNCT_RUN} characters "
                f"shortened to {MAX_PUNCT_RUN} ({len(body) - len(out):,} characters dropped), so parsing stays fast"
            ),
            stacklevel=3,
        )
    return out


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
    body = collapse_punctuation_runs(body, where)
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


def _read_regular(p: Path, where: str, max_bytes: int, too_big: str) -> bytes:
    """The bytes of a regular file, refused by size before reading and never read past the limit.

    Opened without blocking and checked on the open descriptor, so a FIFO or a device
    (even one swapped in after a check) is refused at once instead of hanging the build.
    """
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise ArticleNotFoundError(f"{where}: not a regular file (a FIFO, socket or device); pass a text file")
        if st.st_size > max_bytes:
            raise ArticleTooBigError(too_big.format(size=st.st_size))
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ArticleTooBigError(too_big.format(size=len(data)) + " (it grew while being read)")
    return data


def _inside(f: Path, root: Path) -> bool:
    """Whether a file found under ``root`` really lies there once links are followed."""
    try:
        return f.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield article files: files as given, directories searched recursively, sorted.

    Raises:
        ArticleError: a path does not exist, or a directory holds no articles.
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            root = p.resolve()
            found = []
            for f in sorted(p.rglob("*")):
                if f.suffix.lower() not in SUFFIXES or not f.is_file():
                    continue
                if f.is_symlink() and not _inside(f, root):
                    warnings.warn(
                        InputWarning(f"{f.as_posix()}: a link to a file outside {p.as_posix()}; skipped"),
                        stacklevel=2,
                    )
                    continue
                found.append(f)
            if not found:
                raise ArticleNotFoundError(f"{p.as_posix()}: directory holds no .txt or .md articles")
            yield from found
        elif p.exists():
            yield p
        else:
            raise ArticleNotFoundError(f"{p.as_posix()}: no such file or directory")
