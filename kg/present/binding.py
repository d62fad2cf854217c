"""``--bind NAME=VALUE`` checked before it is used: the variable must be in the query, and a
plain name is looked up among the labels, so that ``--bind speaker="Antonio Guterres"``
means the person, not a string that matches nothing.

A value that is an IRI (``kgr:Name``, ``<...>``, ``http...``), a quoted string or a
number is taken as it is (:func:`kg.present.query.parse_term`); any other text is a
label or alternative label of exactly one node.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.errors import QueryError
from kg.present.query import parse_bindings, parse_term
from kg.rdf.prefixes import PREFIXES, shorten
from kg.store.base import Store
from kg.store.sparql import _TOKEN

_LABELS = "{ ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l }"
MAX_LISTED = 8  # candidates named in the error for an ambiguous label


def query_variables(text: str) -> set[str]:
    """The variable names a SPARQL text uses (comments, strings and IRIs left out).

    Example:
        >>> sorted(query_variables('SELECT ?a WHERE { ?a ?p "?b" } # ?c'))
        ['a', 'p']
    """
    return {m.group()[1:] for m in _TOKEN.finditer(text) if m.lastgroup == "word" and m.group()[0] in "?$"}


def is_label(value: str) -> bool:
    """Whether a ``--bind`` value is plain text (a label to look up) rather than a term.

    Example:
        >>> is_label("Antonio Guterres"), is_label("kgr:Israel"), is_label('"quoted"'), is_label("12")
        (True, False, False, False)
    """
    term = parse_term(value)
    v = value.strip()
    return isinstance(term, ox.Literal) and term.datatype.value.endswith("#string") and not v.startswith('"')


def resolve_bindings(
    store: Store, text: str, pairs: list[str], where: str = "<query>"
) -> dict[str, ox.NamedNode | ox.Literal]:
    """``NAME=VALUE`` pairs as terms, each variable checked against the query and each label looked up.

    Raises:
        QueryError: a malformed pair, a variable the query does not use, or a label that names
            no node or several (listed).
    """
    terms = parse_bindings(pairs)
    have = query_variables(text)
    for name in terms:
        if name not in have:
            known = ", ".join(f"?{v}" for v in sorted(have)) or "none"
            raise QueryError(f"--bind {name}=...: {where} has no variable ?{name} (its variables: {known})")
    for pair in pairs:
        name, _, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if is_label(value):
            terms[name] = _by_label(store, value.strip(), name)
    return terms


def _nodes(store: Store, query: str) -> list[str]:
    result = store.query(query, prefixes=PREFIXES)
    assert isinstance(result, ox.QuerySolutions)
    return sorted({s["e"].value for s in result if isinstance(s["e"], ox.NamedNode)})


def _by_label(store: Store, label: str, name: str) -> ox.NamedNode:
    """The one node labelled ``label`` (exactly, else ignoring case)."""
    lit = str(ox.Literal(label))
    found = _nodes(store, f"SELECT DISTINCT ?e WHERE {{ VALUES ?l {{ {lit} }} {_LABELS} }}")
    if not found:
        found = _nodes(store, f"SELECT DISTINCT ?e WHERE {{ {_LABELS} FILTER(LCASE(STR(?l)) = LCASE({lit})) }}")
    if len(found) == 1:
        return ox.NamedNode(found[0])
    if not found:
        raise QueryError(
            f"--bind {name}={label!r}: no node has that label; give an IRI (kgr:...), or quote the value "
            f"('\"{label}\"') to bind the text itself"
        )
    listed = ", ".join(shorten(iri) for iri in found[:MAX_LISTED]) + (" ..." if len(found) > MAX_LISTED else "")
    raise QueryError(f"--bind {name}={label!r}: {len(found)} nodes have that label: {listed}; bind one by its IRI")


def refuse_bind_with_update(binds: tuple[str, ...] | list[str]) -> None:
    """An update is run as written: ``--bind`` would be silently ignored, so it is refused.

    Raises:
        QueryError: one line, when there is anything to bind.
    """
    if binds:
        names = ", ".join(re.sub(r"=.*", "", b, flags=re.S) for b in binds)
        raise QueryError(
            f"--bind {names}: updates are run as written, without bindings; write the values into the update"
        )
