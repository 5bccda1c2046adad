"""`directives`: the numbered outline of each speech, and announced-vs-found list counts.

The outline parser is ``speechkit.text.outline`` (pure, on a str); this analyzer maps its
items to raw-file offsets. Announcements (讲五点意见) are found in ``announcements``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from speechkit.analyzers.base import Analyzer, Option
from speechkit.errors import SpeechkitError

if TYPE_CHECKING:
    from speechkit.model import Speech

COLUMNS = ("speech", "path", "level", "number", "marker", "heading", "start", "end")
CHECK_COLUMNS = ("speech", "phrase", "announced", "found", "ok")


class Directives(Analyzer):
    name = "directives"
    help = "The numbered outline of each speech: 一、 > （一） > 1. > （1） > 第一， > 一是/一要."
    description = """
    Columns: speech, path (2.3 = third child of the second top-level item), level, number,
    marker, heading (first clause), start, end (offsets into the raw file). Level 1 is the
    highest marker style present in the speech; lists before the first top-level item sit
    under path 0; an appendix (附件N) is one more top-level item with its own outline.

    \b
    Examples:
      speechkit directives corpus/speeches_2022_traditional_dump.txt --tree
      speechkit directives corpus/speeches_2022_traditional_dump.txt --csv
      speechkit directives corpus/speeches_2022_traditional_dump.txt --check
    """
    options = (
        Option("tree", "Draw each speech's outline as a tree.", "flag"),
        Option(
            "check",
            "Report announcements (讲五点意见, 从三个方面…) and whether the list that follows has "
            "that many items. Columns: speech, phrase, announced, found, ok.",
            "flag",
        ),
    )
    columns = COLUMNS
    feature = "level"  # --by counts outline items per group and level

    def resolve(self, **options: Any) -> dict[str, Any]:
        resolved = super().resolve(**options)
        if resolved["tree"] and resolved["check"]:
            raise SpeechkitError("--tree draws the outline; --check makes a table. Pick one.")
        return resolved

    def output_columns(self, check: bool = False, **_: Any) -> list[str]:
        return list(CHECK_COLUMNS if check else COLUMNS)

    def heading(self, check: bool = False, **_: Any) -> str:
        return "Announcements" if check else "Directives"

    def view(self, tree: bool = False, **_: Any) -> str:
        return "tree" if tree else "rows"

    def warm(self, **_: Any) -> None:
        import speechkit.text.outline  # noqa: F401

    def per_speech(self, speech: Speech, check: bool = False, **_: Any) -> list[dict]:
        return check_rows(speech) if check else outline_rows(speech)

    def combine(self, records: Iterable[dict], **_: Any) -> Iterable[dict]:
        return records  # in order already: the runner lists them, or a writer streams them


def outline_rows(speech: Speech) -> list[dict]:
    """One row per outline item of ``speech``, with raw-file offsets."""
    from speechkit.text.outline import parse

    items = parse(speech.text).items
    spans = speech.raw_spans([(item.start, item.end) for item in items])
    return [
        {
            "speech": speech.id,
            "path": item.path,
            "level": item.level,
            "number": item.number,
            "marker": item.marker,
            "heading": item.heading,
            "start": start,
            "end": end,
        }
        for item, (start, end) in zip(items, spans, strict=True)
    ]


def check_rows(speech: Speech) -> list[dict]:
    """One row per announcement in ``speech``: does the list that follows have that many items?"""
    from speechkit.analyzers.directives.announcements import find_announcements

    return [
        {
            "speech": speech.id,
            "phrase": a.phrase,
            "announced": a.announced,
            "found": a.found,
            "ok": a.announced == a.found,
        }
        for a in find_announcements(speech.text)
    ]


DIRECTIVES = Directives()
