"""An evaluation result as text: what was held out, then one table for all askers and one for newcomers."""

from __future__ import annotations

from typing import Any

SHARE = "20%"
MISSING = "—"  # a baseline has no candidate pool of its own to measure


def _hold_out_lines(modes: dict[str, str]) -> list[str]:
    newest = sorted(rel for rel, mode in modes.items() if mode == "newest")
    randomly = sorted(rel for rel, mode in modes.items() if mode == "random")
    lines = []
    if newest:
        lines.append(f"held out: the newest {SHARE} by year of {', '.join(newest)}")
    if randomly:
        lines.append(
            f"held out: a random {SHARE} of {', '.join(randomly)} (not every tie has a year, so no time split)"
            " / 部分关系无年份，随机留出"
        )
    return lines


def table(rows: dict[str, dict[str, float]]) -> list[str]:
    """Rankers down, metrics across; a metric a ranker does not have shows as a dash.

    >>> print("\\n".join(table({"recommender": {"recall@10": 0.25, "pool_recall": 0.5}, "random": {"recall@10": 0.1}})))
                            recall@10  pool_recall
    recommender                0.2500       0.5000
    random                     0.1000            —
    """
    columns: list[str] = []
    for metrics in rows.values():
        columns += [m for m in metrics if m not in columns]
    lines = [f"{'':<20}" + "".join(f"{c:>13}" for c in columns)]
    for name, metrics in rows.items():
        cells = (f"{metrics[c]:.4f}" if c in metrics else MISSING for c in columns)
        lines.append(f"{name:<20}" + "".join(f"{cell:>13}" for cell in cells))
    return lines


def render(title: str, result: dict[str, Any]) -> str:
    """The lines ``graph-service evaluate`` prints for one data set."""
    queries = result["queries"]
    lines = [
        "",
        f"{title}: {queries['all']} queries ({queries['cold_start']} cold start), "
        f"{result['held_out_edges']} held-out edges, {result['seconds']} s",
        *_hold_out_lines(result.get("hold_out", {})),
        "pool_recall: share of held-out answers in the recommender's candidate pool (what scoring sees)",
    ]
    for group, label in (("all", "all askers"), ("cold_start", "cold start: newcomers with only a profile")):
        lines += ["", f"{title} ({label})"]
        lines += table(result[group]) if queries[group] else ["  no such askers in this data set"]
    lines += _outcome_lines(title, result.get("outcomes"))
    return "\n".join(lines)


def _outcome_lines(title: str, outcomes: dict[str, Any] | None) -> list[str]:
    """The rankers on decided introductions, or why they are not reported.

    >>> print("\\n".join(_outcome_lines("demo", {"agreed": 3, "declined": 0, "minimum": 10})))
    <BLANKLINE>
    demo (introduction outcomes): 3 agreed, 0 declined; at least 10 of each are needed to report them
    """
    if not outcomes or not (outcomes["agreed"] or outcomes["declined"]):
        return []
    head = f"{title} (introduction outcomes): {outcomes['agreed']} agreed, {outcomes['declined']} declined"
    if "agreed above declined" not in outcomes:
        return ["", f"{head}; at least {outcomes['minimum']} of each are needed to report them"]
    order, recall = outcomes["agreed above declined"], outcomes["recall@10"]
    rows = {
        name: {"agreed>declined": order[name], "recall@10": recall[name]}
        for name in ("learned", "history only", "hand-weighted")
        if order.get(name) is not None
    }
    return [
        "",
        f"{head}, enterprises held out of the fitting",
        "agreed>declined: share of (agreed, declined) pairs of one enterprise ranked the right way round",
        *table(rows),
    ]
