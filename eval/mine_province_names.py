"""Named strategies a province repeats in its own work reports (round 22 of the lexicon).

A province names its strategies, numbered programmes and slogans in quotation marks
(“八八战略”, “三高四新”, “1310”具体部署) and says them again year after year. This script lists,
for each province, the quoted phrases of its 2025 and 2026 government work reports that have a
name's shape, that the same province says again (in its other year's report, or a second time
in its only one), and that few other provinces quote (then they are the centre's words, which
round 8b mined). It only lists candidates; they are vetted by hand
(eval/lexicon_mining/round22.tsv, eval/LABELLING.md).

Sources and exclusions are those of eval/mine_provinces.py (the eval texts and the forbidden
reports are never read).

    python eval/mine_province_names.py GIT_DIR_2025 GIT_DIR_2026 > candidates.tsv
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling miner
from mine_provinces import lexicon_forms, reports

QUOTED = re.compile(r"“([^“”\n]{2,24})”")
NUMERAL = "一二两三四五六七八九十百千万"
# A name's shape: numbered (三高四新, 1310, 415X), a series with 、, the province's own name in
# it (平安浙江), or a programme word at its end.
PROGRAMME_END = ("战略", "工程", "行动", "计划", "建设", "体系", "格局", "布局", "定位", "目标")
# A province's short names as its reports write them inside slogans.
SHORT_NAMES = {
    "北京": "北京京首都",
    "天津": "天津津",
    "河北": "河北冀燕赵",
    "山西": "山西晋三晋",
    "内蒙古": "内蒙古蒙北疆",
    "辽宁": "辽宁辽",
    "吉林": "吉林吉",
    "黑龙江": "黑龙江龙江",
    "上海": "上海沪申",
    "江苏": "江苏苏",
    "浙江": "浙江浙之江",
    "安徽": "安徽皖江淮",
    "福建": "福建闽八闽",
    "江西": "江西赣",
    "山东": "山东鲁齐鲁",
    "河南": "河南豫中原",
    "湖北": "湖北鄂荆楚",
    "湖南": "湖南湘",
    "广东": "广东粤",
    "广西": "广西桂八桂",
    "海南": "海南琼",
    "重庆": "重庆渝",
    "四川": "四川川蜀天府",
    "贵州": "贵州黔",
    "云南": "云南滇云岭",
    "西藏": "西藏藏",
    "陕西": "陕西陕秦三秦",
    "甘肃": "甘肃甘陇",
    "青海": "青海青",
    "宁夏": "宁夏宁塞上",
    "新疆": "新疆疆",
}


def province_of(name: str) -> str:
    """内蒙古自治区 -> 内蒙古, 广西壮族自治区 -> 广西, 河北省 -> 河北."""
    return next(short for short in SHORT_NAMES if name.startswith(short))


def has_name_shape(phrase: str, province: str) -> bool:
    if "、" in phrase or re.search(r"\d", phrase):
        return True
    if phrase[0] in NUMERAL and len(phrase) >= 3:
        return True
    if re.search(f"[{NUMERAL}][\u4e00-\u9fff]{{1,3}}[{NUMERAL}]", phrase):
        return True
    if phrase.endswith(PROGRAMME_END):
        return True
    names = SHORT_NAMES[province]
    return len(phrase) >= 4 and any(ch in phrase for ch in (names[:2], names[2:]) if ch)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir_2025")
    parser.add_argument("git_dir_2026")
    parser.add_argument("--max-other-provinces", type=int, default=2)
    args = parser.parse_args(argv)

    texts: dict[str, dict[int, str]] = defaultdict(dict)
    for year, git_dir in ((2025, args.git_dir_2025), (2026, args.git_dir_2026)):
        for name, text in reports(year, git_dir).items():
            texts[province_of(name)][year] = text
    quoted_by: dict[str, set[str]] = defaultdict(set)
    for province, years in texts.items():
        for text in years.values():
            for phrase in QUOTED.findall(text):
                quoted_by[phrase].add(province)
    known = lexicon_forms()
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["province", "phrase", "said_2025", "said_2026", "other_provinces"])
    for province in sorted(texts):
        years = texts[province]
        phrases = {p for text in years.values() for p in QUOTED.findall(text)}
        for phrase in sorted(phrases):
            if phrase in known or not has_name_shape(phrase, province):
                continue
            others = len(quoted_by[phrase] - {province})
            if others > args.max_other_provinces:
                continue
            said = [years[y].count(phrase) if y in years else -1 for y in (2025, 2026)]
            again = all(n > 0 for n in said) if min(said) >= 0 else max(said) >= 2
            if again:
                out.writerow([province, phrase, *said, others])


if __name__ == "__main__":
    main()
