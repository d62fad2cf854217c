"""The gate in front of ``kg serve``: what the Oxigraph server itself does not check.

The Oxigraph server listens on a loopback port only the gate knows; the gate
listens where the user said and passes a request on only if:

- it is small: a body over ``max_body`` bytes gets 413 before it is read;
- it asks for nothing outside: ``SERVICE`` (the server would fetch any URL, a
  request forgery into the host's network) and ``LOAD`` are refused unless
  ``allow_service``;
- a write (an update, or a change through the graph store protocol) comes from
  no browser page of another site: ``Sec-Fetch-Site``, ``Origin`` and
  ``Referer``, where sent, must name the server itself, and the ``Host`` of a
  loopback server must be a loopback name (so a rebound DNS name is refused);
  and it carries the server's token (HTTP Basic password or Bearer), which a
  plain HTML form on another page cannot send. A read-only gate refuses every write.

Refusals are one line of text: ``[KG5xx] what; what to try``.
"""

from __future__ import annotations

import base64
import hmac
import http.client
import http.server
import threading
import urllib.parse
from dataclasses import dataclass
from email.message import Message

from kg.store.sparql import _TOKEN

MAX_BODY = 1_000_000  # bytes per request: a 10 MB query took the server 3 GB of memory
MAX_UPDATE_BODY = 64_000_000  # bytes per update that carries the token: one whole article, form-encoded
QUERY_TIMEOUT = 60  # seconds per query; Oxigraph cancels the evaluation after it
OUTBOUND = frozenset({"SERVICE", "LOAD"})
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
_SAME_SITE = frozenset({"same-origin", "none"})  # "none": typed in the address bar, a bookmark
_SPARQL_TYPES = ("application/sparql-query", "application/sparql-update")
_FORWARDED = ("Content-Type", "Accept", "Accept-Encoding")
_CHUNK = 1 << 16


def outbound_keyword(text: str) -> str | None:
    """``SERVICE`` or ``LOAD`` if a SPARQL text asks the server to fetch something; else None.

    Comments, strings, IRIs and variables are passed over, so ``?service`` or
    ``"load"`` do not count.

    Example:
        >>> outbound_keyword("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }")
        'SERVICE'
        >>> outbound_keyword('SELECT ?service { ?service <http://x/p> "SERVICE" } # LOAD') is None
        True
    """
    for m in _TOKEN.finditer(text):
        if m.lastgroup == "word" and m.group().upper() in OUTBOUND:
            return m.group().upper()
    return None


@dataclass(frozen=True)
class Rules:
    """What the gate lets through, and where it passes requests on to."""

    upstream: tuple[str, int]  # the Oxigraph server's loopback address
    read_only: bool = True
    allow_service: bool = False
    max_body: int = MAX_BODY
    token: str | None = None  # required on writes when set
    loopback_only: bool = True  # the gate listens on a loopback address: Host must name it


class RefusedError(Exception):
    """A request the gate does not pass on: an HTTP status and one line saying why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _origin_of(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def check_host(headers: Message, rules: Rules) -> str:
    """The ``Host`` a request names; on a loopback server it must be a loopback name (no rebound DNS)."""
    host = (headers.get("Host") or "").lower()
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    if rules.loopback_only and name not in LOOPBACK:
        raise RefusedError(403, f"[KG501] Host {host!r}: this server answers only to 127.0.0.1 or localhost")
    return host


def check_site(headers: Message, host: str) -> None:
    """Refuse a write that a page of another site made a browser send."""
    site = (headers.get("Sec-Fetch-Site") or "").lower()
    if site and site not in _SAME_SITE:
        raise RefusedError(403, f"[KG501] a {site} request: writes are taken only from this server's own pages")
    own = f"http://{host}"
    for field in ("Origin", "Referer"):
        value = headers.get(field)
        if value is not None and _origin_of(value) != own:
            raise RefusedError(403, f"[KG501] {field} {value!r} is not {own}: writes are taken only from this server")
        if value is not None:
            return  # Origin checked: the Referer, if any, says no more


def check_token(headers: Message, token: str | None) -> None:
    """Refuse a write without the server's token (Basic password or Bearer)."""
    if token is None:
        return
    given = ""
    kind, _, value = (headers.get("Authorization") or "").partition(" ")
    if kind.lower() == "bearer":
        given = value.strip()
    elif kind.lower() == "basic":
        try:
            given = base64.b64decode(value.strip()).decode("utf-8").partition(":")[2]
        except (ValueError, UnicodeDecodeError):
            given = ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise RefusedError(
            401,
            "[KG502] this update needs the token 'kg serve' printed; use --endpoint http://kg:TOKEN@HOST:PORT/query",
        )


def sparql_texts(path: str, content_type: str, body: bytes) -> list[str]:
    """The SPARQL texts a request carries: ``query``/``update`` parameters and a SPARQL body."""
    parts = urllib.parse.urlsplit(path)
    found = [v for k, vs in urllib.parse.parse_qs(parts.query).items() if k in ("query", "update") for v in vs]
    text = body.decode("utf-8", errors="replace")
    ctype = content_type.split(";")[0].strip().lower()
    if ctype == "application/x-www-form-urlencoded":
        form = urllib.parse.parse_qs(text)
        found += [v for k, vs in form.items() if k in ("query", "update") for v in vs]
    elif ctype in _SPARQL_TYPES or body:
        found.append(text)  # any other body is checked whole: a keyword there is refused too
    return found


def is_write(method: str, path: str) -> bool:
    """Whether a request can change the store: anything but GET/HEAD, or a POST to /query."""
    route = urllib.parse.urlsplit(path).path.rstrip("/")
    if method in ("GET", "HEAD"):
        return False
    return not (method == "POST" and route == "/query")


def check_headers(method: str, path: str, headers: Message, rules: Rules) -> int:
    """Refuse (:class:`RefusedError`) on the headers alone; return the largest body to read.

    A write that passed every check (its token too) may be up to :data:`MAX_UPDATE_BODY`:
    a client that writes an article in one update sends it whole.
    """
    host = check_host(headers, rules)
    if not is_write(method, path):
        return rules.max_body
    if rules.read_only:
        raise RefusedError(403, "[KG501] this server is read-only; start it with 'kg serve --allow-update'")
    check_site(headers, host)
    check_token(headers, rules.token)
    return max(rules.max_body, MAX_UPDATE_BODY) if rules.token else rules.max_body


def check_texts(path: str, headers: Message, body: bytes, rules: Rules) -> None:
    """Refuse a request whose SPARQL asks the server to fetch another URL, unless allowed."""
    if rules.allow_service:
        return
    for text in sparql_texts(path, headers.get("Content-Type") or "", body):
        word = outbound_keyword(text)
        if word:
            raise RefusedError(
                403, f"[KG603] {word} asks this server to fetch another URL; start it with --allow-service to allow"
            )


class GateHandler(http.server.BaseHTTPRequestHandler):
    """Check each request against the server's :class:`Rules`, then pass it on to Oxigraph."""

    protocol_version = "HTTP/1.1"
    rules: Rules  # set on a subclass by :func:`make_gate`

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass  # the terminal is the user's; Oxigraph logs nothing per request either

    def _refuse(self, status: int, message: str) -> None:
        data = (message + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def _body(self, limit: int) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            raise RefusedError(411, "[KG503] send the request with a Content-Length, not in chunks")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise RefusedError(400, "[KG503] Content-Length is not a number") from None
        if length > limit:
            raise RefusedError(413, f"[KG503] request of {length} bytes is over the limit of {limit}; see --max-body")
        return self.rfile.read(length) if length > 0 else b""

    def _handle(self) -> None:
        try:
            body = self._body(check_headers(self.command, self.path, self.headers, self.rules))
            check_texts(self.path, self.headers, body, self.rules)
        except RefusedError as r:
            self._refuse(r.status, str(r))
            return
        self._forward(body)

    def _forward(self, body: bytes) -> None:
        host, port = self.rules.upstream
        conn = http.client.HTTPConnection(host, port, timeout=None)
        headers = {k: v for k in _FORWARDED if (v := self.headers.get(k)) is not None}
        self._started = False
        try:
            conn.request(self.command, self.path, body=body or None, headers=headers)
            self._relay(conn.getresponse())
        except (OSError, http.client.HTTPException):
            if not self._started:
                self._refuse(503, "[KG504] the query stopped before its answer was complete (over --timeout?)")
            self.close_connection = True  # an answer cut short is not ended: the client sees it broken
        finally:
            conn.close()

    def _relay(self, resp: http.client.HTTPResponse) -> None:
        """Send the answer on in chunks; an answer cut short (a cancelled query) is not ended."""
        first = resp.read1(_CHUNK) if resp.status != 204 else b""
        self._started = True
        self.send_response(resp.status)
        for k in ("Content-Type", "Content-Disposition"):
            if resp.getheader(k):
                self.send_header(k, resp.getheader(k, ""))
        if self.command == "HEAD" or resp.status in (204, 304) or not first:
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = first
        while chunk:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            chunk = resp.read1(_CHUNK)
        self.wfile.write(b"0\r\n\r\n")

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = _handle  # noqa: N815 (the base class's names)


class Gate(http.server.ThreadingHTTPServer):
    """The gate's HTTP server: one thread per connection, threads die with the process."""

    daemon_threads = True


def make_gate(host: str, port: int, rules: Rules) -> Gate:
    """Bind the gate on ``host:port`` (0: a free port); serve it with ``serve_forever``.

    Raises:
        OSError: the address is in use or cannot be bound.
    """
    handler = type("BoundGateHandler", (GateHandler,), {"rules": rules})
    if ":" in host:
        Gate.address_family = __import__("socket").AF_INET6
    return Gate((host, port), handler)


def run_in_thread(gate: Gate) -> threading.Thread:
    """Serve the gate from a daemon thread; stop it with ``gate.shutdown()``."""
    thread = threading.Thread(target=gate.serve_forever, name="kg-gate", daemon=True)
    thread.start()
    return thread
