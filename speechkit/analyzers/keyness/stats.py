"""Keyness statistics of one feature from its 2×2 table (after quanteda's textstat_keyness):

                 target   reference
    feature        a          b
    other tokens   c          d

Both are signed: negative where the feature is relatively rarer in the target
(``a·d < b·c``). p is the upper tail of χ² with one degree of freedom.
"""

from __future__ import annotations

import math


def chi2(a: int, b: int, c: int, d: int) -> float:
    """Pearson's χ² with Yates' continuity correction, always applied, as
    ``scipy.stats.chi2_contingency(table)`` does for a 2×2 table:
    N·max(0, |ad − bc| − N/2)² / ((a+b)(c+d)(a+c)(b+d)).

    (The max(0, …) is scipy's rule that the correction never exceeds |O − E|.)"""
    n = a + b + c + d
    margins = (a + b) * (c + d) * (a + c) * (b + d)
    if not margins:
        return 0.0
    excess = max(0.0, abs(a * d - b * c) - n / 2)
    return _signed(n * excess * excess / margins, a, b, c, d)


def g2(a: int, b: int, c: int, d: int) -> float:
    """The log-likelihood ratio G² = 2 Σ O ln(O/E), without correction (as
    ``chi2_contingency(table, correction=False, lambda_="log-likelihood")``)."""
    n = a + b + c + d
    if not n:
        return 0.0
    rows, columns = (a + b, c + d), (a + c, b + d)
    total = 0.0
    for observed, row, column in ((a, 0, 0), (b, 0, 1), (c, 1, 0), (d, 1, 1)):
        if observed:
            total += observed * math.log(observed * n / (rows[row] * columns[column]))
    return _signed(max(2 * total, 0.0), a, b, c, d)


def p_value(statistic: float) -> float:
    """P(χ²₁ ≥ |statistic|)."""
    return math.erfc(math.sqrt(abs(statistic) / 2))


def _signed(value: float, a: int, b: int, c: int, d: int) -> float:
    return -value if a * d < b * c else value
