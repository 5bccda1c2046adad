"""Unquoted phrases that the national reports repeat verbatim across years (round 8c, issue 12).

Usage: ``python eval/mine_recurring.py [MIRROR] [--shared DIR] [-o FILE]``, where MIRROR is the
git directory of aldohemsn/chinese-political-corpora (read with ``git show HEAD:...``, no work
tree needed) and DIR the shared texts (round 32: their national documents of 2017-2025).

Reads only the allowed documents (national work reports and party congress reports that are no
eval, hold-out or shared text; with ``--shared`` also the shared national documents) and
counts, for every run of Chinese characters (、 allowed inside, any other character ends the
run), its n-grams of 4-12 characters by the number of
documents that say them. Kept: n-grams in >= 3 documents, or in 2 documents no more than
WINDOW years apart (a phrase of one era); less those holding a frame of the report's own voice
(eval/lexicon_mining/boilerplate.txt); reduced to maximal phrases (an n-gram is dropped when an
extension by one character on either side is said by the same documents); less the lexicon's
forms; less the phrases that do not start and end on jieba's word bounds in two documents at
least (fragments cut through words). Each row names the earliest document, the documents, the
lexicon forms it holds or lies inside (a help to vetting) and a context. The rows are vetted by
hand (eval/lexicon_mining/round8c.tsv).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))  # central_documents, beside this script

from central_documents import command_line, load_documents, write_candidates  # noqa: E402

from speechkit.text.lexicon import load_lexicon  # noqa: E402

MIN_LEN, MAX_LEN = 4, 12
MIN_DOCS = 3
WINDOW = 5  # two documents of years y and y+5 at most: one six-year window
RUN = re.compile(r"[\u4e00-\u9fff、]+")
BOILERPLATE = HERE / "lexicon_mining" / "boilerplate.txt"
_QUOTES = str.maketrans("", "", '“”‘’"「」『』')


def stop_frames(path: Path = BOILERPLATE) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def ngrams(text: str):
    """Every n-gram of MIN_LEN..MAX_LEN characters of each run, not starting or ending with 、."""
    for run in RUN.findall(text):
        for size in range(MIN_LEN, MAX_LEN + 1):
            for i in range(len(run) - size + 1):
                gram = run[i : i + size]
                if gram[0] != "、" and gram[-1] != "、":
                    yield gram


def recurring(docs: list[tuple[int, str, str]], stops: list[str]) -> dict[str, frozenset[int]]:
    """n-gram -> indexes of the documents saying it, for the n-grams that recur (see module)."""
    said: dict[str, set[int]] = defaultdict(set)
    for index, (_, _, text) in enumerate(docs):
        for gram in set(ngrams(text)):
            said[gram].add(index)
    stop = re.compile("|".join(map(re.escape, stops)))
    years = [year for year, _, _ in docs]

    def recurs(where: set[int]) -> bool:
        if len(where) >= MIN_DOCS:
            return True
        return (
            len(where) == 2
            and max(years[i] for i in where) - min(years[i] for i in where) <= WINDOW
        )

    return {
        gram: frozenset(where)
        for gram, where in said.items()
        if recurs(where) and not stop.search(gram)
    }


def maximal(found: dict[str, frozenset[int]]) -> dict[str, frozenset[int]]:
    """Drop an n-gram when a one-character extension of it is said by the same documents."""
    covered: set[str] = set()
    for gram, where in found.items():
        for part in (gram[1:], gram[:-1]):
            if len(part) >= MIN_LEN and found.get(part) == where:
                covered.add(part)
    return {gram: where for gram, where in found.items() if gram not in covered}


def word_bounds(text: str) -> set[int]:
    """Offsets where jieba's default cut starts or ends a word."""
    import jieba

    bounds = set()
    for _, start, end in jieba.tokenize(text):
        bounds.update((start, end))
    return bounds


def on_word_bounds(
    found: dict[str, frozenset[int]], docs: list[tuple[int, str, str]]
) -> dict[str, frozenset[int]]:
    """Keep the phrases that start and end on word bounds in two documents at least: a cut
    through words (展社会主义市) is a fragment, whatever its count."""
    bounds = [word_bounds(text) for _, _, text in docs]
    kept = {}
    for gram, where in found.items():
        aligned = [
            i
            for i in where
            if any(
                m.start() in bounds[i] and m.end() in bounds[i]
                for m in re.finditer(re.escape(gram), docs[i][2])
            )
        ]
        if len(aligned) >= 2:
            kept[gram] = where
    return kept


def _context(text: str, phrase: str) -> str:
    at = text.find(phrase)
    return re.sub(r"\s+", "", text[max(0, at - 12) : at + len(phrase) + 12])


def main(argv: list[str] | None = None) -> int:
    args = command_line(__doc__.splitlines()[0], argv)
    docs = load_documents(args)
    found = on_word_bounds(maximal(recurring(docs, stop_frames())), docs)
    forms = {form.translate(_QUOTES) for entry in load_lexicon() for form in entry.forms}
    inside_forms = {
        f[i:j]: f for f in forms for i in range(len(f)) for j in range(i + 1, len(f) + 1)
    }
    out = ["phrase\tn_docs\tfirst_year\tfirst_source\tholds\tinside\tdocs\tcontext"]
    rows = []
    for gram, where in found.items():
        if gram in forms:
            continue
        ordered = sorted(where)
        first = docs[ordered[0]]
        held = [gram[i:j] for i in range(len(gram)) for j in range(i + 3, len(gram) + 1)]
        holds = max((f for f in held if f in forms), key=len, default="")
        inside = inside_forms.get(gram, "")
        names = "; ".join(docs[i][1] for i in ordered)
        context = _context(first[2], gram)
        rows.append((-len(where), first[0], gram, first[1], holds, inside, names, context))
    for n, year, gram, *rest in sorted(rows):
        out.append("\t".join([gram, str(-n), str(year), *rest]))
    text = "\n".join(out) + "\n"
    write_candidates(text, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
