"""A quick check for unchanged files: the hash of each file's bytes when it was last built.

Reading an article (front matter, language guess) costs about a millisecond; hashing
its bytes costs microseconds. The embedded store keeps, beside its database,
``newskg-files.json``: for each file, the hash of the bytes it was built from, the
article id they gave, and the build settings that shape an article (``--date``).
A file whose bytes hash the same, built with the same settings, whose article the
store still holds under that file, is unchanged without being read.

The file is a cache, not the record: it is written after a build, and trusted only
where the store agrees (the article is still there, from that file). Lost or stale,
it costs a slower rebuild, never a wrong one.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.store.base import Store
from kg.store.catalog import StoredArticle, stored_articles

FILE = "newskg-files.json"
VERSION = 1


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes, or ``""`` if it cannot be read."""
    digest = hashlib.sha256()
    try:  # without blocking, and regular files only: a FIFO is for the reader to refuse, not to hang on
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return ""
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    except (OSError, ValueError):
        return ""
    return digest.hexdigest()


def resolved(path: Path) -> str:
    """A path as ``kg build`` records it: absolute, links resolved."""
    try:
        return path.resolve().as_posix()
    except (OSError, RuntimeError):
        return path.absolute().as_posix()


class Fingerprints:
    """The cache of a store (empty, and never saved, for a store that is not a directory)."""

    def __init__(self, store: Store, settings: str) -> None:
        path = getattr(store, "path", None)
        self.file = Path(path) / FILE if path is not None and not getattr(store, "read_only", False) else None
        self.settings = settings
        self.entries: dict[str, list[str]] = {}  # resolved path -> [bytes hash, article id]
        if self.file is not None:
            try:
                data = json.loads(self.file.read_text(encoding="utf-8"))
                if data.get("version") == VERSION and data.get("settings") == settings:
                    self.entries = {k: list(v) for k, v in data["files"].items()}
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                pass

    def unchanged(self, path: str, digest: str, stored: dict[str, StoredArticle]) -> bool:
        """Whether the file at ``path`` (resolved), whose bytes hash to ``digest``, is in the store as it is."""
        entry = self.entries.get(path)
        if not digest or entry is None or entry[0] != digest:
            return False
        held = stored.get(entry[1])
        return held is not None and held.path == path

    def record(self, built: Iterable[tuple[str, str, str]]) -> None:
        """Remember ``(path, digest, article id)`` of files now in the store."""
        for path, digest, article_id in built:
            if digest:
                self.entries[path] = [digest, article_id]

    def save(self) -> None:
        """Write the cache atomically; a failure only costs the next build its quick check."""
        if self.file is None:
            return
        tmp = self.file.with_name(FILE + ".tmp")
        try:
            data = {"version": VERSION, "settings": self.settings, "files": dict(sorted(self.entries.items()))}
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, self.file)
        except OSError:
            tmp.unlink(missing_ok=True)


def quick_check(
    paths: list[Path], store: Store, stored: list[StoredArticle], settings: str, force: bool
) -> tuple[list[Path], int, Callable[[], None]]:
    """The files to read, how many are unchanged by their bytes alone, and what to call after the build
    (it records every file whose article the store then holds)."""
    cache = Fingerprints(store, settings)
    by_id = {a.id: a for a in stored}
    digests: dict[str, tuple[Path, str]] = {}
    rest, same = [], 0
    for p in paths:
        key, digest = resolved(p), file_hash(p)
        digests[key] = (p, digest)
        if not force and cache.unchanged(key, digest, by_id):
            same += 1
        else:
            rest.append(p)

    def done() -> None:
        if cache.file is None or not rest:  # every file known already: nothing was written
            return
        held = {a.path: a.id for a in stored_articles(store)}
        cache.record(
            (key, digest, held[key])
            for key, (p, digest) in digests.items()
            if key in held and file_hash(p) == digest  # not changed while it was built
        )
        cache.save()

    return rest, same, done
