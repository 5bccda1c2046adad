"""One-off: (1) split variants that are a part or a fuller form of their canonical form into
entries of their own; (2) add the dev split's labelled national formulations (and their
labelled variants) that the lexicon lacks. Tune on dev only."""
import csv, sys
from pathlib import Path
sys.path.insert(0, "eval")
from common import splits, read_tsv
P = Path("speechkit/data/formulations.tsv")
lines = P.read_text(encoding="utf-8").splitlines()
head = [l for l in lines if l.startswith("#") or l.startswith("canonical\t")]
rows = [l.split("\t") for l in lines if l and not l.startswith("#") and not l.startswith("canonical\t")]
entries = {}  # canonical -> [canonical, variants list, category, year, source, gloss]
order = []
for c, v, cat, y, src, gl in rows:
    entries[c] = [c, [x for x in v.split("|") if x], cat, y, src, gl]; order.append(c)
split_out = []
for c in list(order):
    e = entries[c]
    keep = []
    for v in e[1]:
        if (v in c or c in v) and v not in entries:
            entries[v] = [v, [], e[2], e[3], e[4], f"{'part' if v in c else 'fuller form'} of {c}"]
            order.append(v); split_out.append((c, v))
        else:
            keep.append(v)
    e[1] = keep
def owner():
    return {f: c for c in order for f in [c, *entries[c][1]]}
added, variants_added = [], []
split_of = splits()
for path in sorted(Path("eval/slogans").glob("*.tsv")):
    tid = path.stem
    if split_of.get(tid) != "dev":
        continue
    for lab in read_tsv(path):
        if lab["category"] not in ("core", "policy", "campaign"):
            continue
        q = str.maketrans("", "", "“”‘’\"")
        lab["canonical"] = lab["canonical"].translate(q)
        forms = list(dict.fromkeys(f.translate(q) for f in [lab["canonical"], *[x for x in lab["variants"].split("|") if x]]))
        own = owner()
        c = own.get(lab["canonical"])
        if c is None:
            c = next((own[f] for f in forms if f in own), None)
        if c is None:
            y = lab["first_year"]
            src = f"first in central documents in {y} (year as hand-labelled); seen in eval dev text {tid}" if y else f"in use by {tid[-4:]} (eval dev text {tid}); earlier central source not checked"
            entries[lab["canonical"]] = [lab["canonical"], [], lab["category"], y or tid.split('_')[-1] if y or tid.split('_')[-1].isdigit() else "", src, ""]
            order.append(lab["canonical"]); added.append((tid, lab["canonical"]))
            c = lab["canonical"]
        if c != lab["canonical"]:
            continue  # the label names another entry's form: leave granularity to the lexicon
        for f in forms[1:]:
            if f not in own and f not in entries[c][1] and f != c:
                if f in c or c in f:
                    continue
                entries[c][1].append(f); variants_added.append((tid, c, f)); own[f] = c
out = head + ["\t".join([c, "|".join(entries[c][1]), *entries[c][2:]]) for c in order]
P.write_text("\n".join(out) + "\n", encoding="utf-8")
print("split", len(split_out), split_out[:40])
print("added", len(added))
print("variants", len(variants_added), variants_added)
