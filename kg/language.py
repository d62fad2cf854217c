"""A cheap "is this English?" check, so that a foreign article gets no invented facts.

The extractors and the spaCy pipeline are English-only: run over German or
Arabic they still find "entities" and sometimes "strikes". English prose is
about a third function words (the, of, and, to, in...); other languages,
even ones written in Latin letters, share few of them and have their own
(der, und, le, et, el, het...). A text is English when at least 10% of its
words are English function words and they outnumber the foreign ones. Texts
too short to judge (under 20 words and 100 letters) pass; so a one-line
headline is never refused, but a long list of bare names is.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: the commonest English function words (articles, prepositions, pronouns, auxiliaries, conjunctions)
FUNCTION_WORDS = frozenset(
    """
    a an the and or but nor so yet if than then that this these those there here
    of to in on at by for from with without into onto over under after before about
    against between through during since until while within among amid near off up down out
    is are was were be been being am has have had having do does did will would shall should
    can could may might must not no
    it its he him his she her hers they them their theirs we us our you your i me my who whom
    whose which what when where why how
    also as all any both each more most other some such only own same very just
    said says say told according
    """.split()
)
#: function words of other languages written in Latin letters that are not English words
#: ("in", "an", "was" and "die" are English too): German, French, Spanish, Portuguese,
#: Italian, Dutch, Turkish, Indonesian
FOREIGN_WORDS = frozenset(
    """
    der das und ist nicht ein eine einer einen mit von zu dem des auf sich auch wurde wurden sind
    nach bei dass oder wie aus im vom zum zur sie wir ich aber noch nur
    le la les et est une du pour dans que qui pas sur au aux ce cette sont ont avec par plus selon lors
    el los las y del por con para una su sus lo al más fue como pero según
    il di che della delle degli nel nella sono è più gli
    um uma não com da dos das na nas os foi pelo pela ao em ele
    het een van en op niet zijn werd worden dat voor ook naar bij hij zij maar
    ve bir bu ile için yang dan ke dari dengan untuk ini itu pada tidak
    """.split()
)
MIN_WORDS = 20  # fewer words than this (and few letters): too short to judge
MIN_LETTERS = 100  # or fewer letters than this
THRESHOLD = 0.10  # English news prose scores 0.25-0.40; German, French, Spanish well under 0.10
# Thai, Lao, Khmer, kana and CJK ideographs are written without spaces: one character, one "word"
_WORD = re.compile(r"[\u0e00-\u0eff\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|[^\W\d_]+(?:['’][^\W\d_]+)?")


class LanguageGuess(NamedTuple):
    """How English a text looks."""

    words: int  # word tokens seen
    function_words: int  # of which common English function words
    foreign_words: int  # of which function words of other languages
    english: bool  # the verdict: True also when the text is too short to judge

    @property
    def share(self) -> float:
        """Share of English function words among the words, 0..1."""
        return self.function_words / self.words if self.words else 0.0


def guess_english(text: str) -> LanguageGuess:
    """Count English function words in ``text`` and judge whether it is English.

    Args:
        text: an article body.

    Returns:
        A LanguageGuess; ``english`` is False only for a text long enough to judge
        whose share of English function words is under ``THRESHOLD``, or that has
        no more of them than of other languages' function words.

    Example:
        >>> guess_english("Russia launched a missile attack on Kyiv on Monday, killing 3 people.").english
        True
        >>> g = guess_english("Die israelische Armee hat am Montag erneut Ziele im Süden des Libanon "
        ...                   "angegriffen, teilte ein Sprecher mit. Dabei wurden nach Angaben der Behörden "
        ...                   "mindestens drei Menschen getötet und zahlreiche Gebäude zerstört.")
        >>> g.english, g.function_words, g.foreign_words
        (False, 1, 8)
    """
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    letters = sum(len(w) for w in words)
    hits = sum(1 for w in words if w in FUNCTION_WORDS)
    foreign = sum(1 for w in words if w in FOREIGN_WORDS)
    if len(words) < MIN_WORDS and letters < MIN_LETTERS:
        return LanguageGuess(len(words), hits, foreign, True)
    return LanguageGuess(len(words), hits, foreign, hits / len(words) >= THRESHOLD and hits > foreign)


def looks_english(text: str) -> bool:
    """Whether ``text`` looks like English (or is too short to tell).

    Example:
        >>> looks_english("Le Premier ministre a déclaré lundi que les négociations avec le Hezbollah "
        ...               "se poursuivront malgré les frappes israéliennes sur la banlieue sud de Beyrouth, "
        ...               "qui ont fait plusieurs morts selon le ministère libanais de la Santé.")
        False
    """
    return guess_english(text).english
