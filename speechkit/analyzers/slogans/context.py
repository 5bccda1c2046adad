"""Slogans' context, what ``per_speech`` counts with: the forms to count (form -> slogan), each
slogan's terms (kind, category, first_year, source) and a key for the matcher built from the
forms; the bundled lexicon's own context is kept in the user's cache."""

from __future__ import annotations

import hashlib
import re
from itertools import chain
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from speechkit.text.lexicon import Lexicon

BUNDLED = "formulations.tsv"  # Entry.source of the bundled lexicon
_SEPARATORS = re.compile("[、，]")


def make_context(entries: Lexicon, discovered: dict[str, str]) -> dict:
    """``gather``'s context of the lexicon ``entries`` and the ``discovered`` phrases (phrase
    -> kind)."""
    from speechkit.text.lexicon import swapped_halves, written_forms

    terms = {
        e.canonical: (
            "lexicon",
            e.category,
            e.first_year,
            "lexicon" if e.source == BUNDLED else "user",
        )
        for e in entries
    }
    forms = entries.form_map()
    reworded = {form for e in entries for form in e.reworded}
    for phrase, kind in discovered.items():
        if phrase in reworded:
            continue  # discovery does not see the other wordings: it stays the entry's
        # a phrase found with the space of a line wrap in it is that phrase without it,
        # said in that form: “4城同 创” is 4城同创
        said = phrase.replace(" ", "")
        # a series found both with its separators and run together is one slogan, named
        # run together as the lexicon names its series (两不愁三保障): “四纵、四横、一环” is
        # 四纵四横一环 where that is found too
        joined = _SEPARATORS.sub("", said)
        slogan = joined if joined != said and joined in discovered else said
        if slogan == said:
            terms[slogan] = (kind, "", None, "discovered")
        forms[phrase] = slogan
        forms.setdefault(said, slogan)
        # a discovered series is said in the written forms of a lexicon series too: run
        # together in a title (科学发展和谐发展跨越发展), with ， or 和 before its last item
        for written in written_forms(said):
            forms.setdefault(written, slogan)
    # an entry of two halves is counted in the other order too (调结构转方式 for
    # 转方式调结构); added after discovery, since a swapped string is no lexicon form that
    # would hide a discovered phrase inside it (十大产业 in 振兴规划十大产业)
    for entry in entries:
        for form in (entry.canonical, *entry.variants):
            for swapped in swapped_halves(form):
                forms.setdefault(swapped, entry.canonical)
    # what the workers' matchers are cached by (no form holds a NUL)
    key = hashlib.sha1("\0".join(chain.from_iterable(forms.items())).encode()).hexdigest()
    return {"key": key, "forms": forms, "terms": terms}


def bundled_context() -> dict:
    """``make_context`` of the bundled lexicon alone, made once and kept in the user's cache
    (``speechkit.user_cache``), keyed by the lexicon file and the code that reads it: making
    it costs about 65 ms of CPU (parsing 2,753 entries, their written forms), which the zygote
    spends before any worker can start; reading it back about 3 ms."""
    from speechkit.resources import bundled_bytes
    from speechkit.user_cache import cached, digest, source_of

    try:
        key = digest(
            bundled_bytes("formulations.tsv"),
            source_of("speechkit.text.lexicon"),  # not imported: a hit needs none of it
            source_of("speechkit.text.wordings"),
            source_of(__name__),
        )
    except (OSError, ImportError):  # no file to key it by (a frozen install): made each time
        return _bundled_context()
    return cached("slogans-context", key, _bundled_context, _is_context)


def _bundled_context() -> dict:
    from speechkit.text.lexicon import load_lexicon

    return make_context(load_lexicon(()), {})


def _is_context(found: Any) -> bool:
    return (
        isinstance(found, dict)
        and isinstance(found.get("key"), str)
        and isinstance(found.get("forms"), dict)
        and isinstance(found.get("terms"), dict)
    )
