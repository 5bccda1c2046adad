"""Candidate formulations mined from central documents that are no eval text (round 8a, issue 12).

Usage: ``python eval/mine_quoted.py [MIRROR] [--shared DIR] [-o FILE]``, where MIRROR is the git
directory of aldohemsn/chinese-political-corpora (read with ``git show HEAD:...``, no work tree
needed) and DIR the shared texts, whose national documents of 2017-2025 round 32 reads.

Reads only the ALLOWED documents below (national work reports and party congress reports that
are neither eval, hold-out nor shared texts), and with ``--shared`` the 19th and 20th congress
reports and the work reports 2018-2025 (central_documents.py), and writes one row per candidate:
every quoted phrase “…” of 2-16 characters; the unquoted programme frames (实施X战略, 坚持X方针,
以X为中心/为核心, and X before 工程 方针 政策 活动 战略 原则 计划 精神 责任制 运动 国策 制度 方略
路线 观 行动) and unquoted series of three to six short items joined by 、; round 32's frames
以X为主题/主线/根本动力/根本目的, a whole clause of two 4-character items joined by 、
(质量第一、效益优先), X和Y of two halves of one shape (高质量发展和高水平安全) and a series whose
last item is joined by 和; each seen in at least two documents (or quoted in one). Each row
names the earliest document, how many documents use the phrase, and the lexicon entry that
already holds it, bare or in its frame (知识产权 of 实施知识产权战略). The rows are vetted by hand
(eval/lexicon_mining/round8a.tsv, round32.tsv).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))  # central_documents, beside this script

from central_documents import command_line, load_documents, write_candidates  # noqa: E402

from speechkit.text.lexicon import load_lexicon  # noqa: E402

HAN = "\u4e00-\u9fff"
# A quoted phrase: Chinese characters, with 、 or ， inside a series (一个中心、两个基本点).
QUOTED = re.compile(rf"[“‘]([{HAN}0-9][{HAN}0-9、，]{{0,14}}[{HAN}])[”’]")
# An unquoted series of three to six short items joined by 、 (广覆盖、保基本、多层次、可持续),
# kept when two or more allowed documents say it.
SERIES = re.compile(rf"(?<![{HAN}、])((?:[{HAN}]{{2,4}}、){{2,5}}[{HAN}]{{2,4}})(?![{HAN}、])")
# Inside a clause a series is cut by its items' one length
# (形成全方位、多层次、宽领域的对外开放格局).
EVEN_SERIES = [re.compile(rf"((?:[{HAN}]{{{n}}}、){{2,5}}[{HAN}]{{{n}}})") for n in (2, 3, 4)]
# Unquoted frames around a short fixed phrase X (2-8 characters, no punctuation).
X = rf"([{HAN}]{{2,8}}?)"
FRAMES = {
    "实施X战略": re.compile(rf"实施{X}战略"),
    "坚持X方针": re.compile(rf"坚持{X}的?方针"),
    "以X为中心": re.compile(rf"以{X}为(?:中心|核心)"),
    # Round 32: the theme, main line, driving force or aim a plan names (以推动高质量发展为主题,
    # 以深化供给侧结构性改革为主线), X up to 12 characters.
    "以X为主题": re.compile(rf"以([{HAN}]{{2,12}}?)为(?:主题|主线|根本动力|根本目的)"),
}
# Round 32: two items of four characters joined by 、, a whole clause once its opening verbs are
# gone (坚持质量第一、效益优先): kept, like every frame, when two documents say it.
PAIR = re.compile(rf"^[{HAN}]{{4}}、[{HAN}]{{4}}$")
# Round 32: a series whose last item is joined by 和 (互联网、大数据、人工智能和实体经济).
ITEM = rf"[{HAN}]{{2,4}}"
AND_SERIES = re.compile(rf"(?<![{HAN}、])((?:{ITEM}、){{1,4}}{ITEM}和{ITEM})")
# Frames with only a right anchor: X runs back to the start of the clause, less the verbs and
# adverbs that open it (继续实施X工程); what is left must be 2-8 characters, or up to 20 when it
# is a series written with 、 (调整、改革、整顿、提高的方针).
TAIL_FRAMES = {
    f"X{anchor}": anchor
    for anchor in (
        "工程",
        "方针",
        "政策",
        "活动",
        "战略",
        "原则",
        "计划",
        "精神",
        "责任制",
        "运动",
        "国策",
        "制度",
        "方略",
        "路线",
        "观",
        "行动",  # round 32: the era's named actions (粮食产能提升行动)
    )
}
CLAUSE = re.compile(rf"[{HAN}、]+")
OPENERS = re.compile(
    r"^(?:(?:要|必须|继续|进一步|认真|大力|深入|全面|积极|切实|努力|坚决|坚定不移地?|逐步|不断|"
    r"加快|加紧|加强|实施|实行|推进|推行|推动|执行|贯彻|落实|贯彻落实|坚持|组织|开展|启动|抓好|"
    r"搞好|做好|完善|制定|采取|调整|实施好|广泛|普遍|在|对|和|及|与|并|把|按照|根据|通过|的)+)"
)
MIN_DOCS = 2


def _tail_phrases(text: str, anchor: str):
    for match in re.finditer(anchor, text):
        clause = CLAUSE.findall(text[max(0, match.start() - 30) : match.start()] + "。")
        if clause and text[match.start() - len(clause[-1]) : match.start()] == clause[-1]:
            phrase = OPENERS.sub("", clause[-1].strip("、")).removesuffix("的")
            if 2 <= len(phrase) <= (20 if "、" in phrase else 8):
                yield phrase, match.start() - len(phrase)


def _pairs(text: str, forms: frozenset[str]):
    """Round 32's pairs: a whole clause X、Y of 4+4 characters, and X和Y of two halves of one
    length (4-6) and one shape, the same first or last character (高质量发展和高水平安全), or a
    half that is a lexicon form."""
    for match in CLAUSE.finditer(text):
        phrase = OPENERS.sub("", match.group())
        if PAIR.match(phrase):
            yield "pair", phrase, match.end() - len(phrase)
    for match in re.finditer("和", text):
        for n in range(4, 7):
            left = text[match.start() - n : match.start()]
            right = text[match.end() : match.end() + n]
            if not (re.fullmatch(f"[{HAN}]+", left + right) and len(right) == n):
                continue
            if left[0] == right[0] or left[-1] == right[-1] or left in forms or right in forms:
                yield "X和Y", f"{left}和{right}", match.start() - n


def candidates(
    docs: list[tuple[int, str, str]], forms: frozenset[str] = frozenset()
) -> dict[tuple[str, str], dict]:
    """``(phrase, kind) -> {docs: [names], first: (year, name), context}``."""
    found: dict[tuple[str, str], dict] = {}

    def add(phrase, kind, year, name, text, at):
        row = found.setdefault((phrase, kind), {"docs": [], "first": (year, name), "context": ""})
        if name not in row["docs"]:
            row["docs"].append(name)
        if not row["context"]:
            row["context"] = re.sub(r"\s+", "", text[max(0, at - 12) : at + len(phrase) + 14])

    for year, name, text in docs:
        for match in QUOTED.finditer(text):
            add(match.group(1), "quoted", year, name, text, match.start(1))
        for match in SERIES.finditer(text):
            add(match.group(1), "series", year, name, text, match.start(1))
        for pattern in EVEN_SERIES:
            for match in pattern.finditer(text):
                add(match.group(1), "series", year, name, text, match.start(1))
        for kind, pattern in FRAMES.items():
            for match in pattern.finditer(text):
                add(match.group(1), kind, year, name, text, match.start(1))
        for kind, anchor in TAIL_FRAMES.items():
            for phrase, at in _tail_phrases(text, anchor):
                add(phrase, kind, year, name, text, at)
        for match in AND_SERIES.finditer(text):
            add(match.group(1), "series", year, name, text, match.start(1))
        for kind, phrase, at in _pairs(text, forms):
            add(phrase, kind, year, name, text, at)
    quoted = {phrase for phrase, kind in found if kind == "quoted"}
    return {
        key: row
        for key, row in found.items()
        if key[1] == "quoted" or len(row["docs"]) >= MIN_DOCS or key[0] in quoted
    }


def _framed(phrase: str, kinds: list[str]) -> list[str]:
    """The phrase as its frames write it (知识产权 of 实施X战略 is 知识产权战略), bare first."""
    out = [phrase]
    for kind in kinds:
        if kind == "以X为中心":
            out += [f"以{phrase}为{w}" for w in ("中心", "核心")]
        elif kind == "以X为主题":
            out += [f"以{phrase}为{w}" for w in ("主题", "主线", "根本动力", "根本目的")]
        elif kind.startswith("X") or kind.startswith("坚持") or kind.startswith("实施"):
            out.append(kind.replace("X", phrase).removeprefix("实施").removeprefix("坚持"))
            out.append(kind.replace("X", phrase))
    return out


def _near(phrase: str, forms: list[str]) -> str:
    """Lexicon forms that hold the phrase or that it holds (the longest two): a help to vetting."""
    near = [f for f in forms if len(f) >= 2 and (phrase in f or f in phrase)]
    return "|".join(near[:2])


def main(argv: list[str] | None = None) -> int:
    args = command_line(__doc__.splitlines()[0], argv)
    docs = load_documents(args)
    owner = load_lexicon().form_map()
    # A quoted phrase and the same phrase in a frame are one candidate, quoted first.
    merged: dict[str, dict] = {}
    found = candidates(docs, frozenset(owner))
    for (phrase, kind), row in sorted(found.items(), key=lambda kv: kv[0][1] != "quoted"):
        into = merged.setdefault(phrase, {**row, "kinds": [], "docs": list(row["docs"])})
        into["kinds"].append(kind)
        into["docs"] += [d for d in row["docs"] if d not in into["docs"]]
        into["first"] = min(into["first"], row["first"])
    order = {name: i for i, (_, name, _) in enumerate(docs)}
    forms = sorted(owner, key=len, reverse=True)
    header = "phrase\tkinds\tn_docs\tfirst_year\tfirst_source\tin_lexicon\tnear\tdocs\tcontext"
    out = [header]
    for phrase, row in sorted(merged.items(), key=lambda kv: (kv[1]["first"], kv[0])):
        row_docs = sorted(row["docs"], key=order.__getitem__)
        out.append(
            "\t".join(
                [
                    phrase,
                    "|".join(row["kinds"]),
                    str(len(row_docs)),
                    str(row["first"][0]),
                    row["first"][1],
                    next((owner[f] for f in _framed(phrase, row["kinds"]) if f in owner), ""),
                    "" if phrase in owner else _near(phrase, forms),
                    "; ".join(row_docs),
                    row["context"],
                ]
            )
        )
    text = "\n".join(out) + "\n"
    write_candidates(text, args.output)
    print(f"{len(docs)} documents, {len(merged)} candidates", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
