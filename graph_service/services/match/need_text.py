"""Read a technology need written in everyday Chinese as fields of the taxonomy.

The text is segmented with jieba, whose dictionary ships with it; the lexicon's terms and
the fields' names are added to it as user words so that "电池管理系统" stays one word.
Each field is one BM25 document (``bm25s``, Lucene's variant): its names, aliases and
lexicon terms (``seed_data/field_lexicon.jsonl``), and a bounded sample of what the graph
says about it: titles and descriptions of its achievements, descriptions of the entities
on its roster. The index is built once per graph version and shared between requests.

A field's score is its BM25 score over the need's words as a share of the best field's,
so the best field scores 1. Every word's part in it is kept, so the reading says which
words led to which fields and which led nowhere.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_service.errors import GraphServiceError, InvalidInputError
from graph_service.services.cache import VersionedCache
from graph_service.services.seed import seed_dir
from graph_service.store import GraphStore

MAX_TEXT = 500
# Fields kept: those scoring at least MIN_SHARE of the best, at most MAX_FIELDS of them.
MAX_FIELDS = 5
MIN_SHARE = 0.3
# Graph texts per field and sort (achievements, described roster members): enough to
# learn a field's vocabulary, few enough that the index is the same size at a million
# entities as at a thousand.
TEXTS_PER_FIELD = 30
# Names, aliases and lexicon terms are curated; the graph's texts are not.
CURATED_WEIGHT = 2
# A word in more than this share of the fields' documents says nothing about which is meant.
COMMON_SHARE = 0.5
K1, B = 1.2, 0.75
LEXICON_FILE = "field_lexicon.jsonl"

# Words that say what kind of help is wanted, not in which technology; and the filler of
# achievement titles ("一种…关键技术").
_STOPWORD_LINES = (
    "的 了 和 与 及 或 等 在 对 把 被 为 是 有 从 向 于 以 将 并 也 又 就 都 而 且 之 其 这 那 个 位 些 种 类",
    "我 我们 我司 你 您 你们 他们 本 本公司 公司 企业 单位 机构 团队 人员 人才 伙伴",
    "专家 教授 学者 科学家 工程师 老师 院士 博士",
    "需要 需求 急需 亟需 希望 想 想要 要 找 寻找 寻求 求 征集 招募 引进 对接 合作 帮助 帮忙 支持 提供 推荐 联系",
    "能够 可以 能 会 做 搞 进行 开展 实现 解决 提升 提高 优化 突破 攻关 相关 有关 方面 方向 领域",
    "一个 一些 一名 一位 一批 多个 多名 几位",
    "技术 技术领域 问题 难题 项目 产品 方案 解决方案 系统 平台 管理 应用 研发 开发 研究",
    "能力 经验 资源 行业 产业 市场 业务 工作",
    "目前 现在 今年 已经 正在 主要 重点 关键 核心 新型 高效 基于 面向 一种 示例 具有",
    "如何 怎么 什么 哪些 有没有 非常 特别 比较",
    "a an and are for in is of on or our the to we with need needs looking seek seeking",
    "expert experts partner partners",
)
STOPWORDS = frozenset(word for line in _STOPWORD_LINES for word in line.split())

# An ASCII word: letters and digits, with inner hyphens or dots (RISC-V, CAR-T, 4.0).
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*")

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_segmenter: Any = None
_user_words: set[str] = set()


@dataclass(frozen=True, slots=True)
class UnderstoodTerm:
    """One word of the need and one field it counts toward, with its part of that field's score."""

    word: str
    field: str
    name: str
    name_en: str | None
    score: float


@dataclass(frozen=True, slots=True)
class NeedReading:
    """What a need text was read as.

    ``fields`` maps field uids to scores in (0, 1], best first. ``understood`` lists each
    (word, kept field) pair in the order the words appear; ``not_understood`` the content
    words that count toward none of the kept fields (unknown, or outweighed). Words are
    as the text wrote them ("BMS"); a word matched only by a smaller word inside it
    ("固态电解质膜" by "固态电解质") is reported as that smaller word.
    """

    fields: dict[str, float]
    understood: tuple[UnderstoodTerm, ...]
    not_understood: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Field:
    uid: str
    name: str
    name_en: str | None


class NeedIndex:
    """One BM25 document per field, ready to score words."""

    def __init__(self, fields: list[_Field], documents: list[list[str]]) -> None:
        import bm25s

        # bm25s sets its own logger to DEBUG on import, so every index built would print a line
        # on the command line and in the service's log.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.fields = fields
        self._df = Counter(term for document in documents for term in set(document))
        self._bm25: Any = None
        if fields:
            self._bm25 = bm25s.BM25(k1=K1, b=B, method="lucene")
            self._bm25.index(documents, show_progress=False)

    def _telling(self, term: str) -> bool:
        n = len(self.fields)
        df = self._df.get(term, 0)
        return df > 0 and not (n > 2 and df > COMMON_SHARE * n)

    def contributions(self, term: str) -> dict[int, float]:
        """The BM25 part ``term`` adds to each field's score (index into ``fields``), where it adds any."""
        if self._bm25 is None or not self._telling(term):
            return {}
        scores = self._bm25.get_scores([term])
        return {i: float(s) for i, s in enumerate(scores) if s > 0}


def _tokenizer() -> Any:
    """The shared jieba tokenizer, its prefix dictionary built on first use (call holding ``_lock``)."""
    global _segmenter
    if _segmenter is None:
        with warnings.catch_warnings():
            # jieba imports pkg_resources where it is installed, which newer setuptools deprecate.
            warnings.simplefilter("ignore", DeprecationWarning)
            import jieba
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        # Built from the packaged dictionary directly: initialize() would load a marshal
        # cache from the shared temp directory, and write one there.
        tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
        tokenizer.initialized = True
        _segmenter = tokenizer
    return _segmenter


def _add_words(words: Iterable[str]) -> None:
    """Make the Chinese runs of ``words`` whole words for jieba (call holding ``_lock``)."""
    tokenizer = _tokenizer()
    for word in words:
        for run in _ASCII_WORD.split(unicodedata.normalize("NFKC", word)):
            run = run.strip()
            if len(run) > 1 and run not in _user_words and not any(ch.isspace() for ch in run):
                tokenizer.add_word(run)
                _user_words.add(run)


def _segment(text: str, *, search: bool) -> Iterator[str]:
    """Words of ``text``: ASCII words whole, Chinese by jieba (call holding ``_lock``).

    ASCII is split off first: jieba would cut an English word at any user word inside it
    ("systems" at "EMS"). With ``search``, the dictionary words inside each word follow it.
    """
    tokenizer = _tokenizer()
    text = unicodedata.normalize("NFKC", text)
    position = 0
    for match in _ASCII_WORD.finditer(text):
        yield from _jieba(tokenizer, text[position : match.start()], search=search)
        yield match.group()
        position = match.end()
    yield from _jieba(tokenizer, text[position:], search=search)


def _jieba(tokenizer: Any, text: str, *, search: bool) -> Iterator[str]:
    if text.strip():
        yield from tokenizer.cut_for_search(text) if search else tokenizer.cut(text)


def _normalise(token: str) -> str | None:
    """A token as the index keeps it: ASCII in lower case and singular; None for punctuation and numbers."""
    token = token.strip().lower()
    if not any(ch.isalnum() for ch in token) or (token.isascii() and not any(ch.isalpha() for ch in token)):
        return None
    if token.isascii() and token.isalpha() and len(token) > 4:
        if token.endswith("ies"):
            return token[:-3] + "y"
        if token.endswith("s") and not token.endswith(("ss", "us", "is")):
            return token[:-1]
    return token


def _terms(tokens: Iterable[str], *, single: bool, parts: bool) -> list[str]:
    """Normalised tokens without stopwords; with ``parts``, hyphenated ASCII words followed by their parts."""
    out: list[str] = []
    for raw in tokens:
        term = _normalise(raw)
        if term is None or term in STOPWORDS or (len(term) == 1 and not single):
            continue
        out.append(term)
        if parts:
            out += _hyphen_parts(term)
    return out


def _hyphen_parts(token: str) -> list[str]:
    return [p for p in token.split("-") if len(p) > 1] if token.isascii() and "-" in token else []


def _document_terms(text: str, *, curated: bool) -> list[str]:
    """The terms of one text for its field's document (call holding ``_lock``).

    Every word and the dictionary words inside it count once; a curated text's whole
    words count ``CURATED_WEIGHT`` times, so "自动化" is more a term of 智能制造, which
    lists it, than of EDA, whose "电子设计自动化" contains it. Single characters are
    nearly all function words: only a curated term of one character (氢, 醋) is kept.
    """
    single = curated and len(text.strip()) == 1
    terms = _terms(_segment(text, search=True), single=single, parts=True)
    if curated:
        terms += _terms(_segment(text, search=False), single=single, parts=True) * (CURATED_WEIGHT - 1)
    return terms


def read_lexicon(directory: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Each field's lexicon terms from ``field_lexicon.jsonl``; empty where the file is absent."""
    path = (directory or seed_dir()) / LEXICON_FILE
    if not path.is_file():
        _log.warning("no field lexicon at %s: need texts are read from field names and the graph only", path)
        return {}
    lexicon: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                lexicon[str(record["field"])] = tuple(str(t) for t in record["terms"])
            except (ValueError, KeyError, TypeError) as exc:
                raise GraphServiceError(f"{LEXICON_FILE} line {line_no}: {exc} / 领域词表第 {line_no} 行有误") from exc
    return lexicon


def _build(store: GraphStore, directory: Path) -> NeedIndex:
    lexicon = read_lexicon(directory)
    uids = [str(r["field"]) for r in store.read("field_uids")]
    rows = store.read("need_field_texts", {"fields": uids, "per_field": TEXTS_PER_FIELD}) if uids else []
    fields: list[_Field] = []
    documents: list[list[str]] = []
    with _lock:
        curated_of = {
            str(r["field"]): [
                str(r["name"]),
                str(r.get("name_en") or ""),
                *(r.get("aliases") or []),
                *lexicon.get(str(r["field"]), ()),
            ]
            for r in rows
        }
        _add_words(w for words in curated_of.values() for w in words if w)
        for row in rows:
            uid = str(row["field"])
            document: list[str] = []
            for text in curated_of[uid]:
                document += _document_terms(text, curated=True)
            # Dict keys: synthetic titles repeat, and a repeat is no new evidence.
            texts = dict.fromkeys([row.get("description"), *row["achievements"], *row["descriptions"]])
            for text in texts:
                if text:
                    document += _document_terms(str(text), curated=False)
            fields.append(_Field(uid, str(row["name"]), None if row.get("name_en") is None else str(row["name_en"])))
            documents.append(document)
    return NeedIndex(fields, documents)


_cache: VersionedCache[NeedIndex] = VersionedCache(size=8)


def need_index(store: GraphStore, directory: Path | None = None) -> NeedIndex:
    """The index for the graph as it is now, built on first use after each write."""
    lexicon_dir = directory or seed_dir()
    return _cache.get(store, ("need_index", str(lexicon_dir)), lambda: _build(store, lexicon_dir))


def _words(text: str) -> dict[str, str]:
    """The need's content words in order, each once, with the form the text wrote it in (call holding ``_lock``)."""
    words: dict[str, str] = {}
    for raw in _segment(text, search=False):
        term = _normalise(raw)
        if term is not None and term not in STOPWORDS:
            words.setdefault(term, raw.strip())
    return words


def segment(text: str) -> list[str]:
    """The content words of ``text`` as ``read_need`` sees them: segmented, normalised, no stopwords.

    Lexicon terms stay whole once an index has been built in this process.
    """
    with _lock:
        return list(_words(text))


def _parts(word: str) -> list[str]:
    """Smaller words inside ``word``, for a word the index does not know whole (call holding ``_lock``)."""
    if word.isascii():
        return _hyphen_parts(word)
    tokenizer = _tokenizer()
    pieces = [p for p in tokenizer.cut(word, HMM=False) if p != word]
    if not pieces:
        pieces = [p for p in tokenizer.cut_for_search(word) if p != word]
    return [t for t in dict.fromkeys(_terms(pieces, single=False, parts=False)) if t != word]


def read_need(store: GraphStore, text: str) -> NeedReading:
    """The fields ``text`` asks for, with the words that led to them and those that led nowhere.

    Raises ``InvalidInputError`` for an empty text, one longer than ``MAX_TEXT``
    characters, and one in which no word matches any field.
    """
    text = text.strip()
    if not text:
        raise InvalidInputError("the need text is empty / 需求描述为空")
    if len(text) > MAX_TEXT:
        raise InvalidInputError(f"need text longer than {MAX_TEXT} characters / 需求描述超过 {MAX_TEXT} 字")
    index = need_index(store)
    with _lock:
        written = _words(text)
        words = list(written)
        # Each word with the terms it was matched by: itself, or else the smaller words in it.
        matched = {word: _matches(index, word) for word in words}
    # A term reached from two words counts once, for the first.
    terms: dict[str, tuple[str, dict[int, float]]] = {}
    for word in words:
        for term, contributions in matched[word]:
            terms.setdefault(term, (word, contributions))
    totals: Counter[int] = Counter()
    for _, contributions in terms.values():
        totals.update(contributions)
    if not totals:
        raise _no_match(text, list(written.values()))
    top = max(totals.values())
    ranked = sorted(totals, key=lambda i: (-totals[i], index.fields[i].uid))
    kept = [i for i in ranked if totals[i] >= MIN_SHARE * top][:MAX_FIELDS]
    understood: list[UnderstoodTerm] = []
    not_understood: list[str] = []
    for word in words:
        pairs = [
            _understood(written.get(term, term), index.fields[i], c[i] / top)
            for term, (origin, c) in terms.items()
            if origin == word
            for i in kept
            if i in c
        ]
        if pairs:
            understood += sorted(pairs, key=lambda p: -p.score)
        elif not (len(word) == 1 and not word.isascii()):
            # A lone character that led nowhere is nearly always a function word.
            not_understood.append(written[word])
    fields = {index.fields[i].uid: round(totals[i] / top, 4) for i in kept}
    return NeedReading(fields, tuple(understood), tuple(not_understood))


def _understood(term: str, field: _Field, score: float) -> UnderstoodTerm:
    return UnderstoodTerm(term, field.uid, field.name, field.name_en, round(score, 4))


def _matches(index: NeedIndex, word: str) -> list[tuple[str, dict[int, float]]]:
    """The terms ``word`` is matched by, each with its contributions (call holding ``_lock``)."""
    whole = index.contributions(word)
    if whole:
        return [(word, whole)]
    return [(part, found) for part in _parts(word) if (found := index.contributions(part))]


def _no_match(text: str, words: list[str]) -> InvalidInputError:
    if not words:
        return InvalidInputError(
            f"no field matches the need text {text!r}: it names no technology"
            f" / 需求描述「{text}」未匹配到任何技术领域：其中没有技术词语"
        )
    tried_en = ", ".join(repr(w) for w in words)
    return InvalidInputError(
        f"no field matches the need text: tried {tried_en} / 需求描述未匹配到任何技术领域：已尝试 {'、'.join(words)}"
    )
