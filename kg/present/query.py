"""SPARQL over the store: SELECT, ASK, CONSTRUCT, DESCRIBE; updates only on request.

Variables are bound with a VALUES block of terms serialized by pyoxigraph, never by
pasting user input into the query text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from kg.errors import OutboundQueryError, QueryError, one_line
from kg.rdf.prefixes import PREFIXES, shorten
from kg.resources import query_file, query_names
from kg.store.base import QueryResult, Store, Term
from kg.store.gate import outbound_keyword
from kg.store.sparql import with_values

_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX|BASE)\b[^\n]*\n\s*)*(INSERT|DELETE|DROP|CLEAR|LOAD|CREATE|ADD|MOVE|COPY|WITH)\b", re.I | re.M
)
_COMMENT = re.compile(r"^\s*#.*$", re.M)
# one word, or a path, with no SPARQL in it: meant as a query's name or file
_BARE_NAME = re.compile(r"[\w./\\-]+")


def read_query(text_or_path: str) -> tuple[str, str]:
    """The query text and where it came from: a ``.rq`` file, a shipped query's name, or the text itself.

    A file that exists wins over a shipped query of the same name.

    Raises:
        QueryError: a file name that does not exist, or a bare name that is no shipped query
            (the message lists the shipped names).

    Example:
        >>> read_query("strikes")[1]
        'strikes'
    """
    p = Path(text_or_path)
    if len(text_or_path) < 255 and p.is_file():
        return _read_file(p), p.as_posix()
    shipped = query_file(text_or_path)
    if shipped is not None:
        return _read_file(shipped), shipped.stem
    if text_or_path.endswith((".rq", ".sparql")) or _BARE_NAME.fullmatch(text_or_path):
        what = "no such query file" if text_or_path.endswith((".rq", ".sparql")) else "not a query file or a query name"
        raise QueryError(f"{p.as_posix()}: {what}; shipped queries: {', '.join(query_names())}")
    return text_or_path, "<query>"


def _read_file(p: Path) -> str:
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{p.as_posix()}: no such query file") from None
    except UnicodeDecodeError:
        raise QueryError(f"{p.as_posix()}: query file is not UTF-8 text") from None


def parse_term(value: str) -> ox.NamedNode | ox.Literal:
    """A binding value: ``kgr:Name``, ``<iri>``, ``"text"``, a number, or plain text.

    Example:
        >>> parse_term("kgr:Antonio_Guterres").value
        'https://w3id.org/newskg/resource/Antonio_Guterres'
    """
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        return ox.NamedNode(v[1:-1])
    prefix, _, local = v.partition(":")
    if prefix in PREFIXES and local and " " not in v:
        return ox.NamedNode(PREFIXES[prefix] + local)
    if v.startswith(("http://", "https://")):
        return ox.NamedNode(v)
    if len(v) >= 2 and v[0] == v[-1] == '"':
        return ox.Literal(v[1:-1])
    if re.fullmatch(r"-?\d+", v):
        return ox.Literal(v, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(v)


def parse_bindings(pairs: list[str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """``NAME=VALUE`` pairs to a binding dict."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"--bind {pair!r}: write NAME=VALUE, e.g. entity=kgr:Antonio_Guterres")
        try:
            out[name] = parse_term(value)
        except ValueError as e:  # pyoxigraph refuses the IRI or literal: say which and why, in one line
            raise QueryError(f"--bind {pair!r}: not a valid IRI or literal ({one_line(e)})") from None
    return out


def is_update(text: str) -> bool:
    """Whether a SPARQL text is an update (INSERT, DELETE, DROP, ...)."""
    return bool(_UPDATE.search(_COMMENT.sub("", text)))


def run_query(
    store: Store,
    text: str,
    where: str = "<query>",
    bindings: Mapping[str, Term] | None = None,
    update: bool = False,
    allow_service: bool = False,
) -> QueryResult | None:
    """Run a query over the union of all article graphs.

    Returns:
        bool (ASK), QuerySolutions (SELECT) or QueryTriples (CONSTRUCT/DESCRIBE);
        None for an update.

    Raises:
        QueryError: syntax error (with line and column), or an update without ``update=True``.
        OutboundQueryError: ``SERVICE`` or ``LOAD`` without ``allow_service``.
    """
    check_outbound(text, where, allow_service)
    if is_update(text):
        if not update:
            raise QueryError(f"{where}: this is a SPARQL update, which would change the store; pass --update to run it")
        try:
            store.update(text, prefixes=PREFIXES)
        except SyntaxError as e:
            raise QueryError(f"{where}: SPARQL syntax {_syntax(e)}") from None
        except (OSError, RuntimeError, ValueError) as e:
            raise QueryError(f"{where}: update failed, the store is unchanged: {one_line(e)}") from None
        return None
    # Bound as a VALUES block first in the WHERE group, not with Oxigraph's substitutions: its
    # planner starts from the VALUES and looks the rest up from there, while a substituted
    # variable is joined late (evidence.rq about one entity: 0.36 s instead of 5.6 s on 1.7 M triples)
    try:
        text = with_values(text, dict(bindings or {}))
        return store.query(text, prefixes=PREFIXES)
    except SyntaxError as e:
        raise QueryError(f"{where}: SPARQL syntax {_syntax(e)}") from None
    except (OSError, RuntimeError, ValueError) as e:
        raise QueryError(f"{where}: query failed: {one_line(e)}") from None


def check_outbound(text: str, where: str, allow_service: bool = False) -> None:
    """Refuse a query that would fetch another URL (no outbound requests unless asked for).

    Raises:
        OutboundQueryError: the text uses ``SERVICE`` or ``LOAD`` and ``allow_service`` is false.
    """
    word = outbound_keyword(text)
    if word and not allow_service:
        raise OutboundQueryError(
            f"{where}: {word} would make this command fetch another URL; pass --allow-service if you mean it"
        )


def _syntax(e: SyntaxError) -> str:
    """Oxigraph's "error at L:C: expected ..." on one line, its longest lists cut short."""
    msg = one_line(e)
    if "Prefix not found" in msg:
        at = re.match(r"error at \d+:\d+", msg)
        known = ", ".join(PREFIXES)
        return f"{at.group(0) if at else 'error'}: unknown prefix; declare it with PREFIX, or use one of: {known}"
    return msg if len(msg) <= 200 else msg[:199] + "…"


def _short(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def rows_of(result: ox.QuerySolutions) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a SELECT result, terms shortened with the project's prefixes."""
    names = [v.value for v in result.variables]
    rows = [[_short(sol[n]) for n in names] for sol in result]
    return names, rows


def format_result(result: QueryResult | bool | None, fmt: str = "table") -> str:
    """Render a query result as table, csv, json or turtle text."""
    if result is None:
        return "update done"
    if isinstance(result, ox.QueryBoolean):
        result = bool(result)
    if isinstance(result, bool):
        return json.dumps({"boolean": result}) if fmt == "json" else ("yes" if result else "no")
    if isinstance(result, ox.QueryTriples):
        triples = sorted(result, key=str)
        rdf = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "json": ox.RdfFormat.JSON_LD}
        return _decoded(ox.serialize(triples, None, rdf.get(fmt, ox.RdfFormat.TURTLE), prefixes=PREFIXES))
    if fmt == "json":
        return _decoded(result.serialize(None, ox.QueryResultsFormat.JSON))
    names, rows = rows_of(result)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
        return buf.getvalue().rstrip("\n")
    if fmt == "turtle":
        raise QueryError("--format turtle is for CONSTRUCT and DESCRIBE; use table, csv or json for SELECT")
    return render_table(names, rows)


def _decoded(data: bytes | None) -> str:
    """What pyoxigraph serialized to bytes (it returns None only when given a file)."""
    return (data or b"").decode()


def render_table(names: list[str], rows: list[list[str]], width: int = 60) -> str:
    """A plain aligned text table, long cells cut at ``width``."""
    cut = [[c if len(c) <= width else c[: width - 1] + "…" for c in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cut]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cut]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
