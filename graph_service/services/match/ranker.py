"""The learned partner ranker: a logistic model over pair features, stored with the graph.

**Storage.** A trained model is one ``RankerModel`` node (``cypher/ranker_model_*.cypher``)
holding the model as JSON and a version that every training increments. On the embedded
engine that node lives in a graph of its own beside the entity graph, ``<graph>__ranker``,
on the same engine: it persists, replicates and survives restarts with the data, while the
entity graph keeps only entities (its backup refuses any other node, and every entity
query, statistic, export and search stays as it was). Neo4j Community has one database, so
there the node sits beside the entities, with no ``Entity`` label and no ties.

**Reloading.** :func:`active_ranker` runs on every recommendation and keeps the loaded model
with the token it was read at. On the embedded engine the token is the model graph's write
counter (one engine round trip, no graph query), so every worker process uses a new model
from its next request on. Neo4j's version token counts entities only, so there the model
is re-read at most every ``RECHECK_SECONDS``.

**Scores and contributions.** ``z = b + Σ w_i·x_i`` (the fit is on standardised features;
the scaler is folded into ``w`` and ``b``, and kept in the JSON for inspection), and the
score is ``σ(z)``. Contributions split that score exactly: the kind pair's prior
``σ(b + w_pair)`` — what a pair of these kinds scores before anything else is known —
counts under complementarity (kind pairs belong to it); the rest, ``σ(z) − σ(b + w_pair)``,
goes to the components in proportion to their logit terms ``Σ w_i·x_i``: each term times
the secant slope of ``σ`` between the two points. That slope is positive and at most 1/4,
so a term keeps its sign and nothing explodes when terms cancel (a split by shares of
``z − b`` would). A component that does not apply has all its features at zero, so it
contributes nothing.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph_service.domain.recommendation import Component
from graph_service.services.match.features import PAIR_PREFIX, component_of
from graph_service.store import GraphStore

MODEL_KEY = "partner"
MODEL_GRAPH_SUFFIX = "__ranker"
FORMAT = 1
RECHECK_SECONDS = 5.0


def _sigmoid(z: float) -> float:
    # Written both ways so exp never overflows.
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True, slots=True)
class LogisticRanker:
    """A logistic model on raw pair features; ``meta`` holds how and when it was trained."""

    weights: Mapping[str, float]
    intercept: float
    meta: Mapping[str, Any] = field(default_factory=dict)
    version: int = 0  # 0 until stored

    @property
    def label(self) -> str:
        """E.g. "learned v3 (logistic, trained to 2025)"; no version while unsaved."""
        number = f" v{self.version}" if self.version else ""
        return f"learned{number} (logistic, trained to {self.meta.get('trained_to', '?')})"

    def _parts(self, features: Mapping[str, float]) -> tuple[float, dict[str, float]]:
        """The kind pair's base logit and each component's logit term."""
        base = self.intercept
        terms = {name.value: 0.0 for name in Component}
        for name, value in features.items():
            weight = self.weights.get(name)
            if weight is None or not value:
                continue  # a feature the model never saw, or absent
            if name.startswith(PAIR_PREFIX):
                base += weight * value
            else:
                terms[component_of(name).value] += weight * value
        return base, terms

    def score(self, features: Mapping[str, float]) -> float:
        """The pair's score in [0, 1]: how likely the model finds this partnership."""
        base, terms = self._parts(features)
        return _sigmoid(base + sum(terms.values()))

    def contributions(self, features: Mapping[str, float]) -> dict[str, float]:
        """Each component's share of :meth:`score`; they add up to it (see the module docstring)."""
        base, terms = self._parts(features)
        z = base + sum(terms.values())
        prior, score = _sigmoid(base), _sigmoid(z)
        slope = (score - prior) / (z - base) if abs(z - base) > 1e-9 else prior * (1.0 - prior)
        shares = {name: term * slope for name, term in terms.items()}
        shares[Component.COMPLEMENTARITY.value] += prior
        return shares

    def to_json(self) -> str:
        """The model as stored: weights by feature name, intercept and what ``meta`` records."""
        names = sorted(self.weights)
        body = {
            **self.meta,
            "format": FORMAT,
            "model": "logistic",
            "features": names,
            "weights": [self.weights[n] for n in names],
            "intercept": self.intercept,
        }
        return json.dumps(body, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, version: int = 0) -> LogisticRanker:
        body = json.loads(text)
        if body.get("format") != FORMAT or body.get("model") != "logistic":
            raise ValueError(f"unknown ranker model format {body.get('format')!r} / 未知的排序模型格式")
        weights = dict(zip(body.pop("features"), (float(w) for w in body.pop("weights")), strict=True))
        intercept = float(body.pop("intercept"))
        for key in ("format", "model"):
            body.pop(key)
        return cls(weights, intercept, body, version)


def model_store(store: GraphStore) -> GraphStore:
    """Where ``store``'s model node lives: a graph beside it on the embedded engine, else ``store``."""
    return store.sibling(MODEL_GRAPH_SUFFIX) or store


def save_model(store: GraphStore, ranker: LogisticRanker) -> LogisticRanker:
    """Store ``ranker`` as ``store``'s model, replacing the previous one; returns it with its new version."""
    meta = ranker.meta
    params = {
        "key": MODEL_KEY,
        "model": ranker.to_json(),
        "kind": "logistic",
        "year": meta.get("year"),
        "trained_at": meta.get("trained_at"),
        "examples": meta.get("examples"),
    }
    rows = model_store(store).write("ranker_model_put", params)
    return LogisticRanker(ranker.weights, ranker.intercept, meta, int(rows[0]["version"]))


def load_model(store: GraphStore) -> LogisticRanker | None:
    """``store``'s stored model, or None while none has been trained."""
    target = model_store(store)
    if not target.exists():
        return None  # never trained: reading a graph that does not exist is an error on FalkorDB
    rows = target.read("ranker_model_get", {"key": MODEL_KEY})
    if not rows or not rows[0].get("model"):
        return None
    return LogisticRanker.from_json(str(rows[0]["model"]), int(rows[0]["version"]))


@dataclass(frozen=True, slots=True)
class _Loaded:
    token: str
    at: float
    model: LogisticRanker | None


_lock = threading.Lock()
_loaded: dict[tuple[str, str], _Loaded] = {}


def _token(store: GraphStore) -> str | None:
    """What changes when a new model is stored, or None where nothing cheap does (Neo4j)."""
    beside = store.sibling(MODEL_GRAPH_SUFFIX)
    return beside.version() if beside is not None else None


def active_ranker(store: GraphStore) -> LogisticRanker | None:
    """The model trained for ``store``'s graph, or None while none is (the hand-weighted score ranks then)."""
    key = (store.engine, store.graph_name)
    token = _token(store)
    now = time.monotonic()
    with _lock:
        hit = _loaded.get(key)
    if hit is not None and (hit.token == token if token is not None else now - hit.at < RECHECK_SECONDS):
        return hit.model
    # Loaded outside the lock: two requests may both load; both get the stored model.
    model = load_model(store)
    with _lock:
        _loaded[key] = _Loaded(token or "", now, model)
    return model
