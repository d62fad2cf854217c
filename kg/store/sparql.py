"""The SPARQL 1.1 protocol, client side: ``query`` and ``update`` over HTTP, with
results parsed by pyoxigraph into its own result objects.

Bindings travel as a ``VALUES`` block built from N-Triples terms, never as pasted
user text. Only the standard library talks HTTP; the server must listen where you say.
"""

from __future__ import annotations

import base64
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from kg.errors import StoreError, one_line
from kg.store.base import QueryResult, Term

#: variable bindings: by pyoxigraph Variable or by name
Bindings = Mapping[ox.Variable, Term] | Mapping[str, Term]

TIMEOUT = 120.0  # seconds per HTTP request
UNION_PARAM = "union-default-graph"  # Oxigraph server: the default graph is the union of all graphs
UNION_ENV = "KG_SPARQL_UNION_PARAM"  # another parameter name for other servers; empty: send none
_SELECT_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_VAR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# SPARQL tokens that can hide a brace or a keyword: comments, strings, IRIs, names.
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[?$]?[A-Za-z_][\w\-.]*(?::[\w\-.%:]*)?|:[\w\-.%:]*)
  | (?P<open>\{)
  | (?P<close>\})
    """,
    re.X | re.S,
)
_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
_ERROR_AT = re.compile(r"(error at )(\d+):(\d+)")


def _term(value: Term) -> str:
    """A term as SPARQL text (its N-Triples form), for a VALUES block.

    Raises:
        ValueError: a blank node or a triple term, which VALUES cannot carry.
    """
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return str(value)  # pyoxigraph validated the IRI and escapes the literal
    raise ValueError(f"cannot bind {value!r} over HTTP: only IRIs and literals can be sent in a VALUES block")


def values_block(substitutions: Bindings) -> str:
    """A one-row ``VALUES`` block binding each variable to its term.

    Example:
        >>> values_block({"entity": ox.NamedNode("http://e/x"), "n": ox.Literal('say "hi"')})
        'VALUES (?entity ?n) { (<http://e/x> "say \\\\"hi\\\\"") }'
    """
    names, terms = [], []
    for var, value in substitutions.items():
        name = var.value if isinstance(var, ox.Variable) else str(var).lstrip("?$")
        if not _VAR.fullmatch(name):
            raise ValueError(f"cannot bind variable {name!r}: not a SPARQL variable name")
        names.append(f"?{name}")
        terms.append(_term(value))
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the form of a query, or None if none is found.

    Example:
        >>> query_form("PREFIX a: <http://a/> # SELECT\\nconstruct { ?s a:p 1 } WHERE { ?s a:q 1 }")
        'CONSTRUCT'
    """
    for m in _TOKEN.finditer(text):
        if m.lastgroup == "word" and m.group().upper() in _FORMS:
            return m.group().upper()
    return None


def with_values(text: str, substitutions: Bindings) -> str:
    """The query with a VALUES block for ``substitutions``: first in its WHERE group, else trailing.

    First in the outermost group, the values bind the variable before grouping
    and in both branches of a UNION, as Oxigraph's own substitutions do; a
    trailing VALUES clause (the fallback) would join only after GROUP BY.

    Example:
        >>> with_values("SELECT ?n WHERE { ?s ?p ?n }", {"s": ox.NamedNode("http://e/x")})
        'SELECT ?n WHERE { VALUES (?s) { (<http://e/x>) } ?s ?p ?n }'
    """
    if not substitutions:
        return text
    block = values_block(substitutions)
    form, depth, after_where = None, 0, False
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "open":
            if depth == 0 and form is not None and (form != "CONSTRUCT" or after_where):
                return f"{text[: m.end()]} {block}{text[m.end() :]}"
            depth += 1
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "word" and depth == 0:
            word = m.group().upper()
            if form is None and word in _FORMS:
                form = word
            elif word == "WHERE":
                after_where = True
    return f"{text}\n{block}"


def _prologue(prefixes: Mapping[str, str] | None, base_iri: str | None) -> str:
    """PREFIX and BASE declarations on one line, so that error lines keep their numbers."""
    decl = [f"BASE <{ox.NamedNode(base_iri).value}>"] if base_iri else []
    decl += [f"PREFIX {p}: <{ox.NamedNode(ns).value}>" for p, ns in (prefixes or {}).items()]
    return " ".join(decl) + " " if decl else ""


def _shift_error(message: str, prologue: str) -> str:
    """Put back the columns of line 1 that the added prologue moved (Oxigraph's "error at L:C")."""

    def fix(m: re.Match[str]) -> str:
        line, col = int(m.group(2)), int(m.group(3))
        if line == 1:
            col = max(col - len(prologue), 0)
        return f"{m.group(1)}{line}:{col}"

    return _ERROR_AT.sub(fix, message) if prologue else message


class SparqlClient:
    """The ``query``/``update`` half of pyoxigraph's Store API, over the SPARQL 1.1 protocol.

    Results are real pyoxigraph objects: QuerySolutions, QueryBoolean or QueryTriples.
    """

    def __init__(
        self,
        endpoint: str,
        update_endpoint: str | None = None,
        timeout: float = TIMEOUT,
        union_param: str | None = None,
    ) -> None:
        self.endpoint, auth = _split_auth(endpoint)
        self.update_endpoint, update_auth = _split_auth(update_endpoint or default_update_endpoint(endpoint))
        self._auth: dict[str, str | None] = {self.endpoint: auth, self.update_endpoint: update_auth or auth}
        self.timeout = timeout
        # Sent with every query over the union of the graphs; servers ignore parameters they do not know.
        self.union_param = os.environ.get(UNION_ENV, UNION_PARAM) if union_param is None else union_param

    def query(
        self,
        query: str,
        *,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        default_graph: ox.NamedNode | list[ox.NamedNode] | None = None,
        named_graphs: list[ox.NamedNode] | None = None,
        substitutions: Bindings | None = None,
    ) -> QueryResult:
        """Run a query on the server; the arguments mean what they mean for ``pyoxigraph.Store.query``.

        Raises:
            SyntaxError: the server rejected the query (HTTP 400), with its message.
            ValueError: a binding that cannot be sent (a blank node).
            StoreError: the server cannot be reached or failed.
        """
        head = _prologue(prefixes, base_iri)
        text = head + with_values(query, substitutions or {})
        form = query_form(query)
        accept = {"CONSTRUCT": _NTRIPLES, "DESCRIBE": _NTRIPLES}.get(form or "", _SELECT_JSON)
        form_data = [("query", text)]
        if isinstance(default_graph, ox.NamedNode):
            default_graph = [default_graph]
        form_data += [("default-graph-uri", g.value) for g in default_graph or []]
        form_data += [("named-graph-uri", g.value) for g in named_graphs or []]
        params = (
            [(self.union_param, "")] if use_default_graph_as_union and not default_graph and self.union_param else []
        )
        try:
            ctype, body = self._post(self.endpoint, form_data, accept, params)
        except SyntaxError as e:
            raise SyntaxError(_shift_error(str(e), head)) from None
        return _parse_results(ctype, body, self.endpoint)

    def update(self, update: str, *, base_iri: str | None = None, prefixes: Mapping[str, str] | None = None) -> None:
        """Run a SPARQL update on the update endpoint.

        Raises:
            SyntaxError: the server rejected it as malformed (HTTP 400).
            StoreError: the server cannot be reached, refused it (read-only) or failed.
        """
        head = _prologue(prefixes, base_iri)
        try:
            self._post(self.update_endpoint, [("update", head + update)], None, [])
        except SyntaxError as e:
            raise SyntaxError(_shift_error(str(e), head)) from None

    def _post(
        self, url: str, form: list[tuple[str, str]], accept: str | None, params: list[tuple[str, str]]
    ) -> tuple[str, bytes]:
        full = url + (("&" if "?" in url else "?") + urllib.parse.urlencode(params) if params else "")
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        if auth := self._auth.get(url):
            headers["Authorization"] = auth
        req = urllib.request.Request(full, urllib.parse.urlencode(form).encode("utf-8"), headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 (the user's endpoint)
                return resp.headers.get("Content-Type", ""), _read_within(resp, self.timeout, url)
        except urllib.error.HTTPError as e:
            detail = one_line(e.read().decode("utf-8", "replace"))[:300]
            if e.code == 400:
                raise SyntaxError(detail or "the server rejected the request as malformed") from None
            what = form[0][0]  # "query" or "update"
            hint = {
                401: "; put the user in the URL (http://user:password@host/...)",
                403: "; is the server read-only? (kg serve --allow-update)",
                404: "; check the endpoint path (see docs/scaling.md)",
            }.get(e.code, "")
            raise StoreError(
                f"{url}: the server refused the {what}: HTTP {e.code} {e.reason}: {detail}{hint}"
            ) from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise StoreError(
                f"{url}: cannot reach the SPARQL endpoint ({one_line(str(reason))}); is the server running? "
                "(start one with 'kg serve')"
            ) from None


def default_update_endpoint(endpoint: str) -> str:
    """The update URL that goes with a query URL: ``.../query`` becomes ``.../update``, else the same URL.

    Example:
        >>> default_update_endpoint("http://127.0.0.1:7878/query")
        'http://127.0.0.1:7878/update'
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.path.endswith("/query"):
        return urllib.parse.urlunsplit(parts._replace(path=parts.path[: -len("query")] + "update"))
    return endpoint


def _split_auth(url: str) -> tuple[str, str | None]:
    """The URL without ``user:password@``, and the Basic Authorization header for it."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"--endpoint {url!r}: not an http(s) URL; e.g. --endpoint http://127.0.0.1:7878/query")
    if parts.username is None:
        return url, None
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    user = urllib.parse.unquote(parts.username) + ":" + urllib.parse.unquote(parts.password or "")
    token = base64.b64encode(user.encode("utf-8")).decode("ascii")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), f"Basic {token}"


def _read_within(resp: Any, seconds: float, url: str) -> bytes:
    """The whole body, or a StoreError once ``seconds`` have passed: a server that trickles
    a byte at a time never trips the socket's own timeout, which counts each read alone."""
    deadline, chunks = time.monotonic() + seconds, []
    while chunk := resp.read1(65536) if hasattr(resp, "read1") else resp.read(65536):
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise StoreError(f"{url}: the server is still sending its answer after {seconds:.0f} s; gave up")
    return b"".join(chunks)


def _parse_results(ctype: str, body: bytes, where: str) -> QueryResult:
    """pyoxigraph results from an HTTP response, by its media type."""
    media = ctype.split(";")[0].strip().lower()
    results_format = ox.QueryResultsFormat.from_media_type(media) if media else ox.QueryResultsFormat.JSON
    if results_format is not None:
        try:
            parsed = ox.parse_query_results(body, format=results_format)
            if isinstance(parsed, ox.QuerySolutions):  # parsed lazily: read it all once, to fail here
                for _ in parsed:
                    pass
                parsed = ox.parse_query_results(body, format=results_format)
            return parsed
        except (SyntaxError, ValueError) as e:
            raise StoreError(
                f"{where}: the server answered with broken {media or 'JSON'} results ({one_line(e)})"
            ) from None
    rdf_format = ox.RdfFormat.from_media_type(media)
    if rdf_format is None:
        raise StoreError(f"{where}: the server answered with {media!r}, neither query results nor RDF")
    # QueryTriples cannot be built from Python: load the triples into memory and CONSTRUCT them back.
    mem = ox.Store()
    mem.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in ox.parse(body, format=rdf_format))
    return mem.query("CONSTRUCT WHERE { ?s ?p ?o }")
