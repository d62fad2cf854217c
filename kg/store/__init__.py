"""Where graphs live: the :class:`Store` protocol, the embedded Oxigraph store, a
remote SPARQL server, and ``kg serve``; :func:`open_store` picks one."""

from __future__ import annotations

from pathlib import Path

from kg.errors import StoreError
from kg.store.base import Store
from kg.store.embedded import DEFAULT_STORE, KGStore
from kg.store.remote import RemoteStore

__all__ = ["DEFAULT_STORE", "KGStore", "RemoteStore", "Store", "open_store"]


def open_store(
    store_dir: str | Path = DEFAULT_STORE,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    create: bool = True,
    read_only: bool = False,
) -> Store:
    """The store a command works on: the server at ``endpoint`` (``--endpoint``) if given, else
    the directory ``store_dir`` (``--store``).

    Raises:
        StoreError: ``update_endpoint`` without ``endpoint``; or what either store raises.

    ``read_only`` (the embedded store): read beside a running build, without taking the lock.

    Example:
        >>> import tempfile
        >>> with open_store(tempfile.mkdtemp() + "/s") as st:
        ...     type(st).__name__
        'KGStore'
    """
    if endpoint:
        return RemoteStore(endpoint, update_endpoint)
    if update_endpoint:
        raise StoreError(f"--update-endpoint {update_endpoint}: needs --endpoint QUERY_URL too")
    return KGStore(store_dir, create=create and not read_only, read_only=read_only)
