"""The hand-written discovery families of issue 12, in one place: what ``Slogans.scan``
finds in one speech's text (numbered, quoted and local slogans), and the same by family for
the discovery ranker (``ranker.py``)."""

from __future__ import annotations

from collections import Counter
from itertools import chain

# the families that are not local slogans: quoted numbered phrases, unquoted N个XX, quoted phrases
NOT_LOCAL = ("numbered", "unquoted", "quoted")


def families(text: str) -> dict[str, list[str]]:
    """What each hand-written family finds in one speech's text, in text order."""
    from speechkit.analyzers.slogans import discovery

    stops = discovery.stop_list()
    return {
        "numbered": [c.phrase for c in discovery.quoted_numbered(text, stops)],
        "unquoted": [c.phrase for c in discovery.unquoted_numbered(text, stops)],
        "quoted": [c.phrase for c in discovery.quoted_phrases(text, stops)],
        **local_families(text),
    }


def rule_candidates(found: dict[str, list[str]]) -> tuple[list[str], Counter, Counter, list[str]]:
    """``families``' finds as ``Slogans.scan`` hands them on: quoted numbered phrases,
    unquoted N个XX with their counts, quoted phrases with their counts, local slogans."""
    local_phrases = list(
        chain.from_iterable(v for name, v in found.items() if name not in NOT_LOCAL)
    )
    return found["numbered"], Counter(found["unquoted"]), Counter(found["quoted"]), local_phrases


def local_families(text: str) -> dict[str, list[str]]:
    """The local slogans of one speech's text, by the family that found them."""
    from speechkit.analyzers.slogans import frames, goals, local, maxims, members, series, templates

    families = (
        local.framed_quotes,
        series.recurring_series,
        members.keynote_series,
        members.named_members,
        series.counted_series,
        series.clause_series,
        series.led_series,
        series.template_series,
        series.one_piece_series,
        series.anaphora_series,
        series.named_lines,
        templates.ordinal_series,
        templates.counted_actions,
        templates.held_actions,
        templates.paired_clause_series,
        templates.templated_clause_series,
        templates.hinged_series,
        templates.programme_series,
        series.campaign_pairs,
        series.repeated_pairs,
        local.issued_rules,
        local.place_slogans,
        local.strong_places,
        local.numbered_objects,
        frames.all_frames,
        goals.repeated_goals,
        goals.heading_keynotes,
        maxims.maxims,
    )
    return {family.__name__: family(text) for family in families}
