"""The derived search terms that let full-text search find a name from any two characters.

FalkorDB's Chinese analyser segments by dictionary ('高新' does not find '成都高新区'),
while Neo4j's ``cjk`` analyser indexes character bigrams. Both engines index this derived
property instead, so search behaves the same on both: Chinese runs become overlapping
bigrams (and single characters for one-character runs), other text lower-cased words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9a-z]+")


def cjk_bigrams(text: str) -> list[str]:
    """Overlapping two-character terms of every Chinese run in ``text``.

    >>> cjk_bigrams("成都高新区")
    ['成都', '都高', '高新', '新区']
    >>> cjk_bigrams("天")
    ['天']
    """
    terms: list[str] = []
    for run in _CJK.findall(text):
        if len(run) == 1:
            terms.append(run)
        terms += [run[i : i + 2] for i in range(len(run) - 1)]
    return terms


def latin_words(text: str) -> list[str]:
    """Lower-cased words of letters and digits.

    >>> latin_words("Chengdu Hi-Tech Zone 2024")
    ['chengdu', 'hi', 'tech', 'zone', '2024']
    """
    return _WORD.findall(text.lower())


def search_terms(texts: Iterable[str]) -> str:
    """The space-separated, de-duplicated terms of all ``texts``, in first-seen order.

    >>> search_terms(["天府青百会", "Tianfu Youth"])
    '天府 府青 青百 百会 tianfu youth'
    """
    seen: dict[str, None] = {}
    for text in texts:
        for term in cjk_bigrams(text) + latin_words(text):
            seen.setdefault(term, None)
    return " ".join(seen)


def query_terms(text: str) -> list[str]:
    """The terms a search string is matched by (all of them must match).

    >>> query_terms("高新区")
    ['高新', '新区']
    """
    return list(dict.fromkeys(cjk_bigrams(text) + latin_words(text)))
