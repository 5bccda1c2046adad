"""A speechkit plugin: how long each speech is, in characters, sentences and paragraphs.

Installed next to speechkit (``pip install examples/plugin``), it adds ``speechkit lengths``
and ``speechkit.analyze("lengths", corpus)`` through the entry point in ``pyproject.toml``.
"""

from __future__ import annotations

import re

from speechkit.analyzers import Analyzer, Option

SENTENCE_END = re.compile(r"[。！？]")


class Lengths(Analyzer):
    name = "lengths"
    help = "How long each speech is: characters, sentences and paragraphs."
    description = """
    Columns: speech, chars, sentences, paragraphs.

    \b
    Example:
      speechkit lengths corpus/speeches_2022_traditional_dump.txt --min-chars 5000
    """
    options = (Option("min_chars", "Keep speeches of at least N characters.", "int", minimum=0),)
    columns = ("speech", "chars", "sentences", "paragraphs")

    def per_speech(self, speech, min_chars=None, **_):
        paragraphs = [line for line in speech.text.splitlines() if line.strip()]
        row = {
            "speech": speech.id,
            "chars": speech.chars,
            "sentences": len(SENTENCE_END.findall(speech.text)),
            "paragraphs": len(paragraphs),
        }
        return [row] if speech.chars >= (min_chars or 0) else []

    def combine(self, records, **_):
        return list(records)


LENGTHS = Lengths()
