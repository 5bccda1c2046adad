"""`speechkit slogans`: how often each political formulation occurs, and in how many speeches."""

from __future__ import annotations

import click

from speechkit.analyzers import slogans as slogans_analyzer
from speechkit.cli.common import corpus_input, table_output


@click.command()
@corpus_input
@table_output
@click.option("--top", type=click.IntRange(min=1), metavar="N", help="Keep the N most frequent.")
@click.option(
    "--kind",
    type=click.Choice(slogans_analyzer.KINDS),
    help="Keep one kind: lexicon entries, discovered numbered formulations, or quoted phrases.",
)
@click.option(
    "--by-speech",
    is_flag=True,
    help="One row per speech and slogan instead: speech, slogan, count.",
)
@click.option(
    "--lexicon",
    "lexicon_files",
    metavar="FILE",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Add entries from a TSV in the bundled format (repeatable): "
    "canonical<TAB>variants(|)<TAB>core|policy|campaign<TAB>gloss.",
)
def slogans(corpus, output, top, kind, by_speech, lexicon_files):
    """Count political formulations (提法) such as 两个确立 or 放管服 in each speech.

    Counts are on the Simplified text. Matches never overlap: at each position the longest
    form wins, so 外防输入、内防反弹 is one match and does not also count 外防输入. A variant
    (碳达峰、碳中和) counts toward its canonical form (碳达峰碳中和) and is listed.

    Besides the lexicon, numbered formulations are discovered (kind numbered: quoted ones such
    as “七个必须”, “一会三卡”, and unquoted N个XX that recur, minus counting phrases such as
    三个方面), and short quoted phrases that recur (kind quoted: “清廉交通”).

    Columns: slogan, count, speeches (distinct speeches), kind (lexicon, numbered, quoted),
    category (core, policy, campaign; empty unless lexicon), per_10k (occurrences per 10,000
    characters of the whole input), first_speech, variants (|-separated, most frequent first).
    With --by-speech: speech, slogan, count.

    \b
    Examples:
      speechkit slogans corpus/speeches_2022_traditional_dump.txt --top 20
      speechkit slogans corpus/speeches_2022_traditional_dump.txt --kind numbered --csv
      speechkit slogans speeches/ --by-speech --lexicon my_slogans.tsv --json
    """
    frame = slogans_analyzer.analyze(
        corpus, top=top, kind=kind, by_speech=by_speech, lexicon=lexicon_files
    )
    output.emit(frame, title="Slogans by speech" if by_speech else "Slogans")
