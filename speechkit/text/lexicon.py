"""The formulation lexicon: the bundled TSV plus a user's own files, and the jieba user dictionary.

The bundled ``speechkit/data/formulations.tsv`` has a header line and six columns:
``canonical, variants (| separated), category, first_year, source, gloss``. User files may use
the same six columns or the short form ``canonical<TAB>variants<TAB>category<TAB>gloss``
(gloss optional). ``#`` starts a comment line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from speechkit.errors import SpeechkitError
from speechkit.resources import bundled_text, user_text

CATEGORIES = ("core", "policy", "campaign", "local")
HEADER = ("canonical", "variants", "category", "first_year", "source", "gloss")

# Quotation marks are not part of a form: the matcher skips them in the text.
_DROP_QUOTES = str.maketrans("", "", '“”‘’"「」『』')

# Characters that jieba's default cut keeps inside one block (its ``re_han_default``).
# Any other character (、，＋ …) always splits a word, whatever the dictionary says, so
# such forms go to the user dictionary as their parts instead.
_JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
# A code of digits and letters (1310, 415X): jieba keeps such a run one token by itself, and
# as a dictionary word it would cut longer numbers (13100 -> 1310 + 0, 4162家 -> 416 + 2).
_DIGIT_CODE = re.compile(r"[A-Za-z0-9]*[0-9][A-Za-z0-9]*")

# jieba picks the most probable route through a sentence; a frequency this high makes an
# entry beat any split of it into ordinary words (checked by tests/test_lexicon.py).
USERDICT_FREQ = 200_000

_SPACE = re.compile(r"\s")
# Either of what a form must not keep: a space (an error) or a quotation mark (dropped).
_SPACE_OR_QUOTE = re.compile(r'[\s“”‘’"「」『』]')


@dataclass(frozen=True)
class Entry:
    """One formulation: its canonical form, other written forms, category and gloss."""

    canonical: str
    variants: tuple[str, ...]
    category: str
    gloss: str
    source: str = "bundled"  # the file it was read from (named in error messages)
    line: int = 0
    first_year: int | None = None  # first appearance in central documents
    cited: str = ""  # the document of first_year (the TSV's source column)
    generated: tuple[str, ...] = ()  # written forms made by rule (see written_forms)
    reworded: tuple[str, ...] = ()  # other wordings made by rule (speechkit.text.wordings)

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.canonical, *self.variants, *self.generated, *self.reworded)


@dataclass(frozen=True)
class Lexicon:
    """Entries in file order; user entries replace bundled ones with the same canonical form."""

    entries: tuple[Entry, ...]

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def __contains__(self, canonical: object) -> bool:
        return any(e.canonical == canonical for e in self.entries)

    def get(self, canonical: str) -> Entry | None:
        return next((e for e in self.entries if e.canonical == canonical), None)

    def form_map(self, reworded: bool = True) -> dict[str, str]:
        """Every written form (canonical and variants) -> its canonical form; without the
        other wordings (``Entry.reworded``) for discovery, where a phrase inside a form is no
        new phrase: 八个反对、八个坚持, a series swapped, hides no “八个坚持”."""
        return {
            form: e.canonical
            for e in self.entries
            for form in (e.forms if reworded else e.forms[: len(e.forms) - len(e.reworded)])
        }


def parse_lexicon(text: str, source: str, *, simplify: bool = False) -> list[Entry]:
    """Parse lexicon ``text``; ``source`` names the file in error messages.

    With ``simplify`` the forms are converted to Simplified, so that a user's Traditional
    entries still match the Simplified text that slogans are counted on.
    """
    convert = _to_simplified if simplify else (lambda s: s)
    plain = lambda s: convert(s).translate(_DROP_QUOTES)  # noqa: E731
    entries: list[Entry] = []
    seen: dict[str, tuple[str, int]] = {}
    for number, raw_line in enumerate(text.splitlines(), 1):
        line = raw_line.rstrip("\r").lstrip("\ufeff")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if fields[0].strip() == HEADER[0] and tuple(f.strip() for f in fields) == HEADER:
            continue
        where = f"{source}:{number}"
        if len(fields) not in (3, 4, 6):
            raise SpeechkitError(
                f"{where}: expected 4 tab-separated fields (canonical, variants, category, "
                f"gloss) or 6 (canonical, variants, category, first_year, source, gloss), "
                f"found {len(fields)}; separate the fields with single tabs"
            )
        canonical, variants_field, category = (
            fields[0].strip(),
            fields[1].strip(),
            fields[2].strip(),
        )
        first_year, cited = None, ""
        if len(fields) == 6:
            year, cited = fields[3].strip(), fields[4].strip()
            if year and not (year.isdigit() and 1900 <= int(year) <= 2100):
                raise SpeechkitError(
                    f"{where}: first_year {year!r} is not a year; "
                    "write it as 1992 or leave it empty"
                )
            first_year = int(year) if year else None
        gloss = fields[-1].strip() if len(fields) in (4, 6) else ""
        if not canonical:
            raise SpeechkitError(f"{where}: the canonical form is empty; put the slogan first")
        if category not in CATEGORIES:
            raise SpeechkitError(
                f"{where}: unknown category {category!r}; use one of {', '.join(CATEGORIES)}"
            )
        variants = [v.strip() for v in variants_field.split("|")] if variants_field else []
        if any(not v for v in variants):
            raise SpeechkitError(f"{where}: an empty variant; remove the stray '|'")
        # Most lines hold neither a space nor a quotation mark, nor need converting: their
        # forms are the fields as they are (the bundled lexicon's lines, mostly).
        plain_forms = not simplify and not _SPACE_OR_QUOTE.search(f"{canonical}|{variants_field}")
        forms = [canonical, *variants]
        if not plain_forms:
            forms = [plain(form) for form in forms]
        for form in forms:
            if not plain_forms and _SPACE.search(form):
                raise SpeechkitError(f"{where}: {form!r} contains a space; remove it")
            if form in seen and seen[form][0] != forms[0]:
                other, other_line = seen[form]
                raise SpeechkitError(
                    f"{where}: {form!r} is already a form of {other!r} (line {other_line}); "
                    "list each form under one canonical form only"
                )
        if forms[0] in seen and seen[forms[0]][0] == forms[0]:
            raise SpeechkitError(
                f"{where}: {forms[0]!r} is listed twice (also line {seen[forms[0]][1]}); "
                "merge the two lines"
            )
        for form in forms:
            seen[form] = (forms[0], number)
        unique_variants = (
            tuple(dict.fromkeys(v for v in forms[1:] if v != forms[0])) if variants else ()
        )
        entries.append(
            _entry(
                {
                    "canonical": forms[0],
                    "variants": unique_variants,
                    "category": category,
                    "gloss": gloss,
                    "source": source,
                    "line": number,
                    "first_year": first_year,
                    "cited": cited,
                    "generated": (),
                    "reworded": (),
                }
            )
        )
    return entries


def _entry(fields: dict) -> Entry:
    """``Entry(**fields)`` (every field given) made without the frozen ``__init__``, which
    sets each field with ``object.__setattr__``: 15,000 instructions an entry, 40 M for the
    bundled lexicon, made while the workers wait for it."""
    entry = object.__new__(Entry)
    entry.__dict__.update(fields)
    return entry


def _to_simplified(text: str) -> str:
    from speechkit.ingest.convert import to_simplified  # OpenCC: only needed for user files

    return to_simplified(text)


@cache
def bundled_lexicon() -> Lexicon:
    """The lexicon shipped in ``speechkit/data/formulations.tsv`` (loaded once)."""
    text = bundled_text("formulations.tsv")
    lexicon = Lexicon(with_written_forms(parse_lexicon(text, "formulations.tsv")))
    _check_forms_unique(lexicon)
    return lexicon


def read_lexicon_file(path: str | Path) -> list[Entry]:
    """Entries of a user's lexicon file, with one-line errors for unreadable files."""
    text = user_text(path, "lexicon")
    return parse_lexicon(text, str(path), simplify=True)


def load_lexicon(user_files: Iterable[str | Path] = ()) -> Lexicon:
    """The bundled lexicon extended by ``user_files`` (a user entry replaces a bundled one)."""
    user_files = list(user_files)
    if not user_files:
        return bundled_lexicon()  # its written forms made and checked once per process
    entries = {e.canonical: e for e in bundled_lexicon()}
    for path in user_files:
        for entry in read_lexicon_file(path):
            entries[entry.canonical] = entry
    lexicon = Lexicon(with_written_forms(entries.values()))
    _check_forms_unique(lexicon)
    return lexicon


def written_forms(form: str) -> list[str]:
    """Other ways the same form is written: a series separated by 、 is also written with
    ， (at any of up to three places) or run together (稳增长、调结构 -> 稳增长，调结构,
    稳增长调结构), and a series of three or more items with 和 before its last item
    (爱国主义、集体主义和社会主义; not a pair: 物质文明和精神文明 is an entry of its own).
    (A 的 put between a modifier and its head is not: the labels count 社会主义的初级阶段
    apart from 社会主义初级阶段.)"""
    if "、" in form:
        parts = form.split("、")
        if len(parts) <= 4:
            written = [parts[0]]
            for part in parts[1:]:
                written = [w + mark + part for w in written for mark in "、，"]
        else:
            written = [form.replace("、", "，")]
        with_and = ["、".join(parts[:-1]) + "和" + parts[-1]] if len(parts) >= 3 else []
        return [w for w in written if w != form] + [form.replace("、", "")] + with_and
    return []


def swapped_halves(form: str) -> list[str]:
    """A form run together from two halves of three or four characters each (the units
    formulations are built of) said the other way round: 转方式调结构 -> 调结构转方式,
    社会治安综合治理 -> 综合治理社会治安 (the labels count both orders). Halves of unequal or
    other lengths are not swapped (扫黑除恶常态化 is no form of 常态化扫黑除恶), nor series
    written with 、 or ，: their items are listed in their order. Most entries' swapped halves
    are strings no text says (振兴规划十大产业): they are counted, never listed as forms (see
    Slogans.gather)."""
    if len(form) not in (6, 8) or "、" in form or "，" in form:
        return []
    half = len(form) // 2
    return [form[half:] + form[:half]]


def with_written_forms(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """``entries`` with the written forms of their forms (``Entry.generated``), then their
    other wordings (``Entry.reworded``, ``speechkit.text.wordings``: a series with two
    neighbours swapped, a statement said as a task), except those that are a form of some
    entry already (a listed form always wins, then a written one)."""
    from speechkit.text.wordings import other_wordings

    entries = [
        _entry({**vars(e), "generated": (), "reworded": ()}) if e.generated or e.reworded else e
        for e in entries
    ]
    taken = {form for e in entries for form in e.forms}
    for kind, make in (("generated", written_forms), ("reworded", other_wordings)):
        result = []
        for entry in entries:
            extra = []
            for form in (entry.canonical, *entry.variants):
                if "、" not in form and "是" not in form:
                    continue  # written and worded one way only: most forms
                for written in make(form):
                    if written not in taken:
                        taken.add(written)
                        extra.append(written)
            result.append(_entry({**vars(entry), kind: tuple(extra)}) if extra else entry)
        entries = result
    return tuple(entries)


def _check_forms_unique(lexicon: Lexicon) -> None:
    owner: dict[str, Entry] = {}
    for entry in lexicon:
        for form in entry.forms:
            if form in owner and owner[form].canonical != entry.canonical:
                first = owner[form]
                raise SpeechkitError(
                    f"{entry.source}:{entry.line}: {form!r} is already a form of "
                    f"{first.canonical!r} ({first.source}:{first.line}); list it under one "
                    "canonical form only"
                )
            owner[form] = entry


def is_digit_code(word: str) -> bool:
    """Whether ``word`` is a code of digits and letters (1310, 415X), which jieba keeps one
    token without the dictionary and which stays out of it."""
    return _DIGIT_CODE.fullmatch(word) is not None


def jieba_words(lexicon: Lexicon | None = None) -> list[str]:
    """The words that must stay single jieba tokens: every form, or its parts when it holds
    punctuation that jieba always splits at (碳达峰、碳中和 -> 碳达峰, 碳中和); codes of digits
    (1310) stay out."""
    lexicon = bundled_lexicon() if lexicon is None else lexicon
    words: dict[str, None] = {}
    for entry in lexicon:
        for form in (entry.canonical, *entry.variants):  # not the generated written forms
            for part in _JIEBA_BLOCK.findall(form):
                if len(part) >= 2 and not is_digit_code(part):
                    words[part] = None
    return list(words)


def userdict_lines(lexicon: Lexicon | None = None) -> list[str]:
    """jieba user-dictionary lines (``word freq tag``) for every form in ``lexicon``.

    Feed them to jieba with ``tokenizer.load_userdict(io.StringIO("\\n".join(lines)))``
    or ``tokenizer.add_word(word, freq, tag)`` per line.
    """
    return [f"{word} {USERDICT_FREQ} nz" for word in jieba_words(lexicon)]
