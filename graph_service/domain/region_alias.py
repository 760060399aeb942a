"""The other names a region is asked for by: without its administrative suffix, in pinyin,
in English, or by a recorded alias (成都, chengdu, Chengdu City -> 成都市)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pypinyin import lazy_pinyin

from graph_service.domain.search_text import simplified

# Longest first, so 自治州 is taken off whole, never only its 州.
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "新区", "省", "市", "区", "县", "州")
_ENGLISH_SUFFIXES = re.compile(r"\b(province|city|district|county|municipality|prefecture)\b")
_LATIN_GAPS = re.compile(r"[\s\-_'.]+")


def key(text: str) -> str:
    """How a region name is compared: simplified characters, lower case, no spaces or hyphens.

    >>> key("Chengdu  City"), key("成都市")
    ('chengducity', '成都市')
    """
    return _LATIN_GAPS.sub("", simplified(text.strip()).lower())


def _bare(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def alias_keys(name: str, name_en: str | None, aliases: Iterable[str]) -> set[str]:
    """Every key a region answers to.

    >>> sorted(alias_keys("成都市", "Chengdu", []))
    ['chengdu', 'chengdushi', '成都', '成都市']
    >>> sorted(alias_keys("四川省", "Sichuan Province", []))
    ['sichuan', 'sichuanprovince', 'sichuansheng', '四川', '四川省']
    """
    keys = {key(name), key(_bare(name))}
    keys |= {key("".join(lazy_pinyin(text))) for text in (name, _bare(name))}
    if name_en:
        keys |= {key(name_en), key(_ENGLISH_SUFFIXES.sub("", name_en.lower()))}
    keys |= {key(a) for a in aliases}
    keys.discard("")
    return keys


def asked_keys(text: str) -> set[str]:
    """The keys a region asked for as ``text`` may be recorded under (its suffix given or not).

    >>> sorted(asked_keys("Chengdu City"))
    ['chengdu', 'chengducity']
    """
    plain = simplified(text.strip())
    keys = {key(plain), key(_ENGLISH_SUFFIXES.sub("", plain.lower()))}
    keys.discard("")
    return keys
