"""Extraction: from a parsed article to facts with evidence. Never imports the store or the CLI."""

from __future__ import annotations

from kg.extract.pipeline import ANALYSES, EXTRACTORS, analyse, extract

__all__ = ["ANALYSES", "EXTRACTORS", "analyse", "extract"]
