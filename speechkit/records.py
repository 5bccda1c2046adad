"""Flat records of speeches for `split --json/--csv` and `Corpus.to_frame()`."""

from __future__ import annotations

from speechkit.model import Speech

SPEECH_COLUMNS = [
    "id",
    "source",
    "ordinal",
    "start",
    "end",
    "title",
    "chars",
    "glosses",
    "suspects",
    "mojibake",
]
TEXT_COLUMNS = ["text", "original"]


def speech_record(speech: Speech, texts: bool = True) -> dict:
    record = {
        "id": speech.id,
        "source": speech.source,
        "ordinal": speech.ordinal,
        "start": speech.start,
        "end": speech.end,
        "title": speech.title,
        "chars": speech.chars,
        "glosses": speech.stats.glosses,
        "suspects": speech.stats.suspects,
        "mojibake": speech.stats.mojibake,
    }
    if texts:
        record["text"] = speech.text
        record["original"] = speech.original
    return record
