"""`words`: word frequencies on jieba (or rjieba) tokens (after quanteda's textstat_frequency)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from speechkit.analyzers.base import Analyzer, Option

if TYPE_CHECKING:
    from speechkit.model import Speech

COLUMNS = ("word", "count", "speeches", "per_10k")
BY_SPEECH_COLUMNS = ("speech", "word", "count")


class Words(Analyzer):
    name = "words"
    help = "Count words (jieba tokens) across speeches, leaving out stopwords and punctuation."
    description = """
    Columns: word, count, speeches (how many speeches use it), per_10k (per 10,000
    characters). Slogans from the lexicon stay single tokens. On a corpus directory the
    tokens are cached in tokens.arrow, so a second run skips jieba.

    --tokenizer rjieba (or SPEECHKIT_TOKENIZER=rjieba) segments with rjieba, jieba's Rust
    port: about 24x faster, the same tokens but for 0.02% (it keeps number ranges such as
    2018-2020 whole). Install it with pip install 'speechkit[fast]'. The table's title names
    the tokenizer and its version.

    \b
    Examples:
      speechkit words corpus/speeches_2022_traditional_dump.txt --top 30
      speechkit split dump.txt -o speeches/ && speechkit words speeches/ --csv > words.csv
      speechkit words speeches/ --by-speech --top 10 --json
    """
    options = (
        Option("top", "Keep the N most frequent.", kind="int", minimum=1, metavar="N"),
        Option("by_speech", "Long table: speech, word, count.", "flag"),
        Option(
            "jobs",
            "Processes for the tokenizer (default: all cores; inputs under 1 MB use one).",
            kind="int",
            minimum=1,
            flags=("-j", "--jobs"),
            default=None,
        ),
        Option(
            "tokenizer",
            "Segmenter: jieba (the default) or rjieba (needs speechkit[fast]); "
            "default from SPEECHKIT_TOKENIZER.",
            kind="choice",
            choices=("jieba", "rjieba"),
        ),
        Option(
            "stopwords",
            "A stopword list (one word a line) in place of the bundled one.",
            kind="path",
        ),
    )
    columns = COLUMNS
    needs_tokens = True

    def output_columns(self, by_speech: bool = False, **_: Any) -> list[str]:
        return list(BY_SPEECH_COLUMNS if by_speech else COLUMNS)

    def resolve(self, **options: Any) -> dict[str, Any]:
        """The options, with the tokenizer named (``--tokenizer``, else the environment)."""
        from speechkit.tokens.segment import backend

        resolved = super().resolve(**options)
        resolved["tokenizer"] = backend(resolved["tokenizer"])
        return resolved

    def metadata(self, tokenizer: str | None = None, **_: Any) -> dict[str, str]:
        """What made the rows: the tokenizer and its version (``rjieba 0.2.2``)."""
        from speechkit.tokens.segment import backend_version

        return {"tokenizer": backend_version(tokenizer)}

    def heading(self, by_speech: bool = False, tokenizer: str | None = None, **_: Any) -> str:
        title = "Words by speech" if by_speech else "Words"
        return f"{title} ({self.metadata(tokenizer)['tokenizer']} tokens)"

    def per_speech(
        self, speech: Speech, token_counts: dict[str, int], stopwords: str | None = None, **_: Any
    ) -> list[dict]:
        """One record: the speech's length and its counts of words (stopwords left out)."""
        from speechkit.analyzers.words.tally import word_counts

        kept = word_counts(stopwords)(token_counts)
        return [{"speech": speech.id, "chars": speech.chars, "counts": kept}]

    def held(self, record: dict) -> dict:
        """The counts packed (``packed_counts``): a 100 MB corpus's held 7 M counts as dicts
        took 560 MB."""
        from speechkit.tokens.segment import packed_counts

        return {**record, "counts": packed_counts(record["counts"])}

    def combine(
        self, records: Iterable[dict], top: int | None = None, by_speech: bool = False, **_: Any
    ) -> Iterable[dict]:
        from speechkit.analyzers.words.tally import by_speech_rows, total_rows

        return by_speech_rows(records, top) if by_speech else total_rows(records, top)

    def counts_whole(self, by_speech: bool = False, **_: Any) -> bool:
        return not by_speech

    def combine_whole(
        self, whole: Any, top: int | None = None, stopwords: str | None = None, **_: Any
    ) -> list[dict]:
        """The rows of ``combine``, counted over every speech's tokens at once."""
        from speechkit.analyzers.words.tally import whole_rows

        return whole_rows(whole, top, stopwords)

    def jobs(self, jobs: int | None = None, **_: Any) -> int:
        return jobs or os.cpu_count() or 1


WORDS = Words()
