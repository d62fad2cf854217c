"""Where graphs live: the embedded Oxigraph store, a remote SPARQL server, and ``kg serve``."""

from __future__ import annotations

from kg.store.embedded import DEFAULT_STORE, KGStore

__all__ = ["DEFAULT_STORE", "KGStore"]
