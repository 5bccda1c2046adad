"""`speechkit words`: word frequencies on jieba tokens."""

from __future__ import annotations

import os

import click

from speechkit.analyzers import words as words_analyzer
from speechkit.cli.common import corpus_input, table_output


@click.command()
@corpus_input
@table_output
@click.option("--top", type=click.IntRange(min=1), metavar="N", help="Keep the N most frequent.")
@click.option("--by-speech", is_flag=True, help="Long table: speech, word, count.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=lambda: os.cpu_count() or 1,
    show_default="all cores",
    help="Processes for jieba.",
)
@click.option(
    "--stopwords",
    type=click.Path(exists=True, dir_okay=False),
    help="A stopword list (one word a line) in place of the bundled one.",
)
def words(corpus, output, top, by_speech, jobs, stopwords):
    """Count words (jieba tokens) across speeches, leaving out stopwords and punctuation.

    Columns: word, count, speeches (how many speeches use it), per_10k (per 10,000
    characters). Slogans from the lexicon stay single tokens. On a corpus directory the
    tokens are cached in tokens.arrow, so a second run skips jieba.

    \b
    Examples:
      speechkit words corpus/speeches_2022_traditional_dump.txt --top 30
      speechkit split dump.txt -o speeches/ && speechkit words speeches/ --csv > words.csv
      speechkit words speeches/ --by-speech --top 10 --json
    """
    stop = words_analyzer.read_stopwords(stopwords) if stopwords else None
    frame = words_analyzer.analyze(corpus, top=top, by_speech=by_speech, jobs=jobs, stopwords=stop)
    output.emit(frame, title="Words")
