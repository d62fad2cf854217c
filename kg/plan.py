"""What a build has to do: the files read, compared with the articles already in the store.

An article is its file (the resolved path, :func:`kg.articles.load_article`) and its
content (the body's hash, which is its id, and the front matter the graph records:
title, date, publisher). A file whose article is in the store as it is now is
*unchanged* and is not parsed again; a file built before with another content is
*updated*; a file moved elsewhere is recognised by its content and *updated* (its
new path recorded); anything else is *added*. The same body twice is one article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.model import Article
from kg.store.catalog import StoredArticle


@dataclass
class Plan:
    """The files to extract, in input order, and what the rest are."""

    todo: list = field(default_factory=list)  # the Slots to extract, and those of files that could not be read
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0  # files whose body another file of this run (or of the store) already gives
    stale: list[str] = field(default_factory=list)  # article ids whose file now holds another stored article


def same_content(stored: StoredArticle, article: Article) -> bool:
    """Whether the store holds ``article`` as it is now, wherever it was read from.

    Example:
        >>> a = Article(id="ab", body="x", path="/n/a.txt", title="T")
        >>> same_content(StoredArticle("ab", "/old/a.txt", "T"), a), same_content(StoredArticle("ab", "", "U"), a)
        (True, False)
    """
    date = article.published.isoformat() if article.published else ""
    return (stored.id, stored.title, stored.date, stored.publisher) == (article.id, article.title, date, article.source)


def plan_build(slots: list, stored: list[StoredArticle], force: bool = False) -> Plan:
    """Sort read files into what to build and what to leave (see the module's docstring).

    Args:
        slots: :class:`kg.build.Slot` of every input file, in order.
        stored: what the store holds (:func:`kg.store.catalog.stored_articles`).
        force: build every file, changed or not.
    """
    by_id = {a.id: a for a in stored}
    by_path = {_absolute(a.path): a for a in stored if a.path}
    plan, seen = Plan(), set()
    for slot in slots:
        article = slot.article
        if article is None:
            plan.todo.append(slot)
            continue
        if article.id in seen:
            plan.duplicates += 1
            continue
        seen.add(article.id)
        old = by_id.get(article.id)
        here = by_path.get(article.path)
        if old is not None and not force and same_content(old, article):
            if old.path == article.path:
                plan.unchanged += 1
                continue
            if Path(old.path).is_absolute() and Path(old.path).exists():  # a copy kept at its own file
                plan.duplicates += 1
                if here is not None and here.id != article.id:
                    plan.stale.append(here.id)
                continue
        if here is not None and here.path != article.path and here.id != article.id:
            plan.stale.append(here.id)  # built by an older newskg, which kept the path as typed
        plan.todo.append(slot)
        if old is not None or here is not None:
            plan.updated += 1
        else:
            plan.added += 1
    return plan


def _absolute(path: str) -> str:
    """A stored path as an absolute one: stores built before paths were resolved kept them as typed
    (taken here as relative to the current directory, where such a build most likely ran)."""
    return path if Path(path).is_absolute() else Path(path).resolve().as_posix()
