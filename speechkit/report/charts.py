"""The report's charts as Vega-Lite specifications (plain dicts, drawn in the page by
vega-embed as SVG). Each function takes the report's data and returns one spec."""

from __future__ import annotations

from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"  # an identifier, never fetched
FONT = "system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
CONFIG = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelFont": FONT, "titleFont": FONT, "labelLimit": 220},
    "legend": {"labelFont": FONT, "titleFont": FONT},
}


def _spec(values: list[dict], description: str, **body: Any) -> dict:
    return {
        "$schema": SCHEMA,
        "description": description,
        "data": {"values": values},
        "config": CONFIG,
        **body,
    }


def top_slogans(rows: list[dict], labels: dict, top: int = 20) -> dict:
    """Horizontal bars: the ``top`` formulations by count, document frequency in the tooltip."""
    values = [
        {"slogan": r["slogan"], "count": r["count"], "speeches": r.get("speeches")}
        for r in rows[:top]
    ]
    return _spec(
        values,
        "top formulations",
        width="container",
        height={"step": 18},
        mark={"type": "bar", "tooltip": True, "color": "#b5322e"},
        encoding={
            "y": {"field": "slogan", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "count", "type": "quantitative", "title": labels["count"]},
            "tooltip": [
                {"field": "slogan", "title": labels["slogan"]},
                {"field": "count", "title": labels["count"]},
                {"field": "speeches", "title": labels["speeches"]},
            ],
        },
    )


def heatmap(cells: dict, row_labels: dict[str, str], labels: dict) -> dict:
    """Speech (or group) × formulation: one square per pair, darker for more occurrences."""
    values = [
        {"row": row_labels.get(c["row"], c["row"]), "slogan": c["slogan"], "count": c["count"]}
        for c in cells["cells"]
    ]
    rows = [row_labels.get(r, r) for r in cells["rows"]]
    return _spec(
        values,
        "formulation heatmap",
        height={"step": 16},
        width={"step": 18},
        mark={"type": "rect", "tooltip": True},
        encoding={
            "x": {
                "field": "slogan",
                "type": "nominal",
                "sort": cells["formulations"],
                "title": None,
                "axis": {"orient": "top", "labelAngle": -60},
            },
            "y": {"field": "row", "type": "nominal", "sort": rows, "title": None},
            "color": {
                "field": "count",
                "type": "quantitative",
                "scale": {"scheme": "orangered"},
                "title": labels["count"],
            },
        },
    )


# Past this many speeches a bar chart gets a fixed height and drops its speech labels.
LABELLED_BARS = 60


def _speech_bars(count: int) -> dict:
    return {"width": "container", "height": {"step": 14} if count <= LABELLED_BARS else 400}


def _speech_axis(order: list[str] | None, count: int) -> dict:
    """The speech axis of a bar chart: one band per speech, in ``order`` (None: data order)."""
    labelled = count <= LABELLED_BARS
    return {
        "field": "speech",
        "type": "nominal",
        "sort": order,
        "title": None,
        "axis": {"labels": labelled},
    }


def chars_per_speech(rows: list[dict], row_labels: dict[str, str], labels: dict) -> dict:
    """Bars: characters of each speech, in corpus order."""
    values = [{"speech": row_labels.get(r["id"], r["id"]), "chars": r["chars"]} for r in rows]
    return _spec(
        values,
        "characters per speech",
        **_speech_bars(len(values)),
        mark={"type": "bar", "tooltip": True, "color": "#4c6a92"},
        encoding={
            "y": _speech_axis(None, len(values)),
            "x": {"field": "chars", "type": "quantitative", "title": labels["chars"]},
        },
    )


def targets_per_speech(rows: list[dict], row_labels: dict[str, str], labels: dict) -> dict:
    """Stacked bars: numbers each speech states, by kind (target, achieved, other)."""
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (r["speech"], str(r.get("kind") or "target"))
        counts[key] = counts.get(key, 0) + 1
    values = [
        {"speech": row_labels.get(s, s), "kind": k, "rows": n} for (s, k), n in counts.items()
    ]
    order = list(dict.fromkeys(row_labels.get(r["speech"], r["speech"]) for r in rows))
    return _spec(
        values,
        "numbers per speech by kind",
        **_speech_bars(len(order)),
        mark={"type": "bar", "tooltip": True},
        encoding={
            "y": _speech_axis(order, len(order)),
            "x": {"field": "rows", "type": "quantitative", "title": labels["rows"]},
            "color": {
                "field": "kind",
                "type": "nominal",
                "title": labels["kind"],
                "scale": {
                    "domain": ["target", "achieved", "other"],
                    "range": ["#b5322e", "#4c6a92", "#b8b8b8"],
                },
            },
        },
    )


def indicator(group: dict, row_labels: dict[str, str], labels: dict) -> dict:
    """One indicator that several speeches set: the value each speech sets, with its unit."""
    values = [
        {
            "speech": row_labels.get(r["speech"], r["speech"]),
            "value": r["value"],
            "unit": r.get("unit") or "",
            "hardness": r.get("hardness") or "—",
            "year": r.get("year") or "",
            "sentence": r.get("sentence") or "",
        }
        for r in group["rows"]
    ]
    return _spec(
        values,
        "values of one indicator",
        title={"text": group["indicator"], "fontSize": 13, "font": FONT},
        width="container",
        height={"step": 16},
        mark={"type": "point", "filled": True, "size": 80, "tooltip": True},
        encoding={
            "y": {"field": "speech", "type": "nominal", "title": None},
            "x": {"field": "value", "type": "quantitative", "title": labels["value"]},
            "color": {"field": "unit", "type": "nominal", "title": labels["unit"]},
            "shape": {"field": "hardness", "type": "nominal", "title": labels["hardness"]},
            "tooltip": [
                {"field": "speech", "title": labels["speech"]},
                {"field": "value", "title": labels["value"]},
                {"field": "unit", "title": labels["unit"]},
                {"field": "year", "title": labels["year"]},
                {"field": "sentence", "title": labels["sentence"]},
            ],
        },
    )
