"""Serve a store as a SPARQL 1.1 endpoint, with the Oxigraph server binary (``pip install oxigraph``).

The embedded store is an Oxigraph database, so the server opens the same
directory: read-only by default (``oxigraph serve-read-only``), read-write with
``allow_update`` (``oxigraph serve``, which takes the store's lock). Queries
without ``GRAPH`` see every article, as ``kg query`` does: read-only, the
store's default graph, which is the merge of its article graphs; read-write,
the union of all graphs, since clients that write (``kg build --endpoint``)
fill only article graphs.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError, one_line
from kg.store.embedded import KGStore
from kg.store.gate import LOOPBACK, MAX_BODY, QUERY_TIMEOUT, Gate, Rules, make_gate, run_in_thread
from kg.store.readers import mark_served

DEFAULT_PORT = 7878
BINARY_ENV = "KG_OXIGRAPH"
INSTALL_HINT = "pip install oxigraph==0.5.13"


def oxigraph_binary() -> str | None:
    """The Oxigraph server binary: ``$KG_OXIGRAPH``, beside this Python, or on PATH; None if none.

    Example:
        >>> oxigraph_binary() is None or Path(oxigraph_binary()).name.startswith("oxigraph")
        True
    """
    if os.environ.get(BINARY_ENV):
        return shutil.which(os.environ[BINARY_ENV])  # None if it names nothing runnable
    beside = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    if beside.is_file():
        return str(beside)
    return shutil.which("oxigraph")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` now (another process may take it before you do)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class Server:
    """A running Oxigraph server process; stop it with :meth:`stop` or a ``with`` block."""

    def __init__(self, process: subprocess.Popen, url: str, log: Path, read_only: bool) -> None:
        self.process = process
        self.url = url  # the base URL, e.g. http://127.0.0.1:7878
        self.log = log
        self.read_only = read_only

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def output(self) -> str:
        """What the server wrote to stderr and stdout, on one line."""
        try:
            return one_line(self.log.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return ""

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the server (SIGTERM, then SIGKILL after ``timeout`` s) and remove its log."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.unlink(missing_ok=True)


def start_server(
    location: str | Path | None,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    read_only: bool = True,
    union_default_graph: bool = False,
    timeout: float = 30.0,
    query_timeout: int | None = None,
) -> Server:
    """Start ``oxigraph serve[-read-only]`` on ``location`` and wait until it answers a query.

    Args:
        location: the store directory; None for an in-memory server (read-write only).
        port: 0 picks a free port.
        read_only: ``serve-read-only``; updates get HTTP 403.
        union_default_graph: queries without ``GRAPH`` see the union of all graphs (for a
            store that clients write article graphs into); by default they see the
            default graph, which in a newskg store is the merge of the article graphs.
        query_timeout: seconds after which Oxigraph cancels a query (``--timeout-s``); None: never.

    Returns:
        The running :class:`Server`.

    Raises:
        StoreError: no binary, or the server exited or did not answer within ``timeout`` s.
    """
    binary = oxigraph_binary()
    if binary is None:
        where = f"${BINARY_ENV}={os.environ[BINARY_ENV]!r} is not a program" if os.environ.get(BINARY_ENV) else ""
        raise StoreError(
            f"the Oxigraph server binary is not installed{f' ({where})' if where else ''}; "
            f"run '{INSTALL_HINT}' or set ${BINARY_ENV} to its path"
        )
    if read_only and location is None:
        raise StoreError("a read-only server needs a store directory; pass --store DIR")
    port = port or free_port(host)
    cmd = [binary, "serve-read-only" if read_only else "serve", "--bind", f"{host}:{port}"]
    if location is not None:
        cmd += ["--location", str(location)]
    if union_default_graph:
        cmd.append("--union-default-graph")
    if query_timeout:
        cmd += ["--timeout-s", str(query_timeout)]
    fd, log = tempfile.mkstemp(prefix="kg-serve-", suffix=".log")
    try:
        with os.fdopen(fd, "wb") as out:
            process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    except OSError as e:
        Path(log).unlink(missing_ok=True)
        raise StoreError(f"{binary}: cannot start the Oxigraph server ({e.strerror or e})") from None
    url_host = f"[{host}]" if ":" in host else host
    server = Server(process, f"http://{url_host}:{port}", Path(log), read_only)
    try:
        _wait_ready(server, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_ready(server: Server, timeout: float) -> None:
    """Poll the server with ``ASK {}`` until it answers; fail early if the process exits."""
    deadline = time.monotonic() + timeout
    body = urllib.parse.urlencode({"query": "ASK {}"}).encode()
    while True:
        if server.process.poll() is not None:
            time.sleep(0.1)  # let it finish writing its last words
            raise StoreError(
                f"{server.url}: the Oxigraph server exited with code {server.process.returncode}: "
                f"{server.output() or 'no message'}"
            )
        req = urllib.request.Request(
            server.query_url, body, {"Accept": "application/sparql-results+json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(req, timeout=2) as resp:  # noqa: S310 (our own loopback server)
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise StoreError(f"{server.url}: the Oxigraph server did not answer within {timeout:.0f} s")
        time.sleep(0.1)


def check_store(store_dir: str | Path, create: bool = False) -> Path:
    """Make sure ``store_dir`` is a store nobody holds (creating it if ``create``), then let go of it.

    Raises:
        StoreError: what :class:`~kg.store.embedded.KGStore` raises: not a store, missing, locked.
    """
    with KGStore(store_dir, create=create):
        pass
    return Path(store_dir)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@dataclass(frozen=True)
class ServeOptions:
    """How ``kg serve`` guards the server (see :mod:`kg.store.gate`)."""

    allow_update: bool = False
    allow_service: bool = False
    max_body: int = MAX_BODY
    query_timeout: int = QUERY_TIMEOUT
    token: str | None = None  # with allow_update: the token writes need; None: a new one


def serve(
    store_dir: str | Path,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    options: ServeOptions = ServeOptions(),
    echo: Callable[[str], object] = print,
) -> int:
    """Serve the store in the foreground until Ctrl-C or the server stops; return its exit code.

    The Oxigraph server listens on a free loopback port; the gate in front of it
    (:mod:`kg.store.gate`) listens on ``host:port`` and checks every request.

    Raises:
        StoreError: the store cannot be opened, no binary, the port is taken, or the server does not start.
    """
    location = check_store(store_dir, create=options.allow_update)
    token = (options.token or secrets.token_urlsafe(18)) if options.allow_update else None
    with start_server(
        location,
        "127.0.0.1",
        0,
        read_only=not options.allow_update,
        union_default_graph=options.allow_update,
        query_timeout=options.query_timeout,
    ) as server:
        rules = Rules(
            upstream=("127.0.0.1", int(server.url.rsplit(":", 1)[1])),
            read_only=not options.allow_update,
            allow_service=options.allow_service,
            max_body=options.max_body,
            token=token,
            loopback_only=host in LOOPBACK,
        )
        gate = _bind_gate(host, port, rules)
        run_in_thread(gate)
        h, p = str(gate.server_address[0]), gate.server_address[1]
        mark = mark_served(location, f"http://{f'[{h}]' if ':' in h else h}:{p}", read_only=not options.allow_update)
        try:
            return _run(server, gate, token, echo)
        finally:
            gate.shutdown()
            gate.server_close()
            mark.unlink(missing_ok=True)


def _bind_gate(host: str, port: int, rules: Rules) -> Gate:
    try:
        return make_gate(host, port, rules)
    except OSError as e:
        raise StoreError(
            f"{host}:{port}: cannot listen there ({e.strerror or e}); pass another --port, or 0 for a free one"
        ) from None


def _run(server: Server, gate: Gate, token: str | None, echo: Callable[[str], object]) -> int:
    """Say where the endpoint is, then wait for Ctrl-C, SIGTERM or the server's end."""
    h, p = str(gate.server_address[0]), gate.server_address[1]
    url = f"http://{f'[{h}]' if ':' in h else h}:{p}"
    mode = f"updates at {url}/update" if token else "read-only"
    echo(f"SPARQL endpoint: {url}/query ({mode}); Ctrl-C to stop")
    if token:
        echo(f"  updates need the token: kg build ARTICLES --endpoint http://kg:{token}@{url[7:]}/query")
    echo(f"  try: kg query 'SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }}' --endpoint {url}/query")
    previous = signal.signal(signal.SIGTERM, _interrupt)  # so that a plain kill also stops the server
    try:
        code = server.process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
    if code != 0:
        raise StoreError(f"{server.url}: the Oxigraph server stopped with code {code}: {server.output()}")
    return code
