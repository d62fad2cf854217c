"""The ``kg`` command: build, query, export and draw a news knowledge graph."""

from __future__ import annotations

from kg.cli import building, managing, reading  # noqa: F401 (each module adds its commands to the group)
from kg.cli.app import main

__all__ = ["main"]
