"""The derived search terms that let full-text search find a name from any two characters.

FalkorDB's Chinese analyser segments by dictionary ('高新' does not find '成都高新区'),
while Neo4j's ``cjk`` analyser indexes character bigrams. Both engines index this derived
property instead, so search behaves the same on both: Chinese runs become overlapping
bigrams (and single characters for one-character runs), other text lower-cased words,
and every pair of adjacent syllables of a Chinese run's pinyin one word more ('gaoxin'
finds 成都高新区, and so does the homophone slip 成都高薪区).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import opencc
from pypinyin import lazy_pinyin

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


def pinyin_pairs(text: str) -> list[str]:
    """Adjacent syllable pairs of the pinyin (toneless) of every Chinese run in ``text``.

    >>> pinyin_pairs("成都高新区")
    ['chengdu', 'dugao', 'gaoxin', 'xinqu']
    """
    terms: list[str] = []
    for run in _CJK.findall(text):
        syllables = lazy_pinyin(run)
        terms += [syllables[i] + syllables[i + 1] for i in range(len(syllables) - 1)]
    return terms


@functools.cache
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable, read off the common CJK block once."""
    return frozenset(lazy_pinyin("".join(chr(c) for c in range(0x4E00, 0xA000))))


def split_pinyin(word: str) -> list[str] | None:
    """``word`` as toneless pinyin syllables (the fewest), or None when it is not pinyin.

    >>> split_pinyin("chengdugaoxin"), split_pinyin("tech")
    (['cheng', 'du', 'gao', 'xin'], None)
    """
    known = _syllables()
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if head is not None and word[start:end] in known:
                option = [*head, word[start:end]]
                current = best[end]
                if current is None or len(option) < len(current):
                    best[end] = option
    return best[len(word)]


def search_terms(texts: Iterable[str]) -> str:
    """The space-separated, de-duplicated terms of all ``texts``, in first-seen order.

    >>> search_terms(["天府青百会", "Tianfu Youth"])
    '天府 府青 青百 百会 tianfu fuqing qingbai baihui youth'
    """
    seen: dict[str, None] = {}
    for text in texts:
        for term in cjk_bigrams(text) + latin_words(text) + pinyin_pairs(text):
            seen.setdefault(term, None)
    return " ".join(seen)


def query_terms(text: str) -> list[str]:
    """The terms a search string is matched by (all of them must match).

    >>> query_terms("高新区")
    ['高新', '新区']
    """
    return list(dict.fromkeys(cjk_bigrams(text) + latin_words(text)))


def pinyin_query_terms(text: str) -> list[str]:
    """The pinyin terms a search string is matched by instead, when it reads as pinyin or is Chinese.

    Latin text that splits into two or more syllables becomes its syllable pairs; Chinese
    text, its own syllable pairs (a homophone slip matches the intended name). Empty when
    neither applies.

    >>> pinyin_query_terms("gaoxin qu"), pinyin_query_terms("成都高薪区"), pinyin_query_terms("tech")
    (['gaoxin', 'xinqu'], ['chengdu', 'dugao', 'gaoxin', 'xinqu'], [])
    """
    if _CJK.search(text):
        return list(dict.fromkeys(pinyin_pairs(text)))
    syllables: list[str] = []
    for word in latin_words(text):
        split = split_pinyin(word)
        if split is None:
            return []
        syllables += split
    return list(dict.fromkeys(syllables[i] + syllables[i + 1] for i in range(len(syllables) - 1)))


@functools.cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified characters (names are recorded so; a traditional query still finds them).

    >>> simplified("成都高新區")
    '成都高新区'
    """
    return str(_to_simplified().convert(text)) if _CJK.search(text) else text
