"""jieba's accurate mode with HMM (``Tokenizer.cut(text)``), the same tokens in less time.

``FastTokenizer`` is a ``jieba.Tokenizer`` whose default ``cut`` gives exactly what jieba
0.42.1 gives, computed in fewer Python steps (pure Python still: no compiled code):

- the word graph (``get_DAG``) and the best route through it (``calc``) are one backward
  pass over a block, with a word's ``log(freq) - log(total)`` looked up by its frequency
  (a few thousand distinct values) instead of computed: jieba adds
  ``(log(freq) - logtotal) + route``, left to right, so the floats are the same bit for
  bit, and on equal scores the longer word still wins, as in jieba's ``max`` over
  ``(score, end)``;
- the HMM that splits runs of unknown characters (``finalseg``) keeps one float per state
  and a back-pointer per character instead of a copied path list per state per character,
  with jieba's order of additions and its tie-breaks;
- a block between punctuation is known to be Han text by its place in ``re.split``'s
  output, not by matching it again.

Other modes (``cut_all``, ``HMM=False``, paddle) are jieba's own code, and so is every
cut under a jieba other than 0.42.1, whose tokens this has not been checked against.
"""

from __future__ import annotations

from math import inf, log

from speechkit.tokens.segment import _import_jieba

jieba = _import_jieba()
finalseg = jieba.finalseg
JIEBA_VERSION = "0.42.1"  # the jieba whose cut this reproduces (tests/test_jieba_fast.py)
REPRODUCES = jieba.__version__ == JIEBA_VERSION

# The patterns jieba's cut and finalseg's cut split text with.
_BLOCK = jieba.re_han_default  # runs jieba segments: Han, ASCII letters and digits, +#&._%-
_SPACE = jieba.re_skip_default  # \r\n or one whitespace character: one token each
_HMM_HAN = finalseg.re_han  # runs the HMM segments
_HMM_OTHER = finalseg.re_skip  # letters and digits (a decimal, a percent) kept whole

# HMM states, as indices: Begin, Middle, End of a word, Single-character word.
B, M, E, S = range(4)


class FastTokenizer(jieba.Tokenizer):
    """A ``jieba.Tokenizer`` whose default ``cut`` (and ``lcut``) is faster, same tokens."""

    def __init__(self, dictionary=jieba.DEFAULT_DICT):
        super().__init__(dictionary)
        self._scores: tuple[dict, int, dict[int, float]] | None = None

    def add_word(self, word, freq=None, tag=None):
        super().add_word(word, freq, tag)  # del_word, suggest_freq and load_userdict too
        self._scores = None

    def prepare(self) -> FastTokenizer:
        """Load the dictionary, the word scores and the HMM's tables now (before forking
        workers, so that they share them)."""
        self.scores()
        _model()
        return self

    def cut(self, sentence, cut_all=False, HMM=True, use_paddle=False):
        if cut_all or not HMM or use_paddle or not REPRODUCES:
            return super().cut(sentence, cut_all, HMM, use_paddle)
        return iter(self.cut_list(jieba.strdecode(sentence)))

    def scores(self) -> dict[int, float]:
        """The score jieba gives a word of each frequency in the dictionary,
        ``log(freq) - log(total)`` (frequency 0, a prefix that is no word, has none). Made
        again when the dictionary changes (10-20 ms)."""
        self.check_initialized()
        made = self._scores
        if made is None or made[0] is not self.FREQ or made[1] != self.total:
            logtotal = log(self.total)
            table = {freq: log(freq) - logtotal for freq in set(self.FREQ.values()) if freq}
            made = self._scores = (self.FREQ, self.total, table)
        return made[2]

    def cut_list(self, text: str) -> list[str]:
        """The tokens of ``text``, as ``jieba.Tokenizer.lcut(text)`` gives them."""
        scores = self.scores()
        freqs = self.FREQ
        unknown = log(1) - log(self.total)  # jieba's score of a character it does not know
        tokens: list[str] = []
        add, extend = tokens.append, tokens.extend
        blocks = _BLOCK.split(text)
        # re.split with one group alternates: text between matches, a match, ... text.
        for index in range(1, len(blocks), 2):
            _other(blocks[index - 1], extend)
            block = blocks[index]
            if len(block) == 1:
                add(block)
            else:
                _block(block, freqs, scores, unknown, tokens)
        _other(blocks[-1], extend)
        return tokens


def _other(text: str, extend) -> None:
    """Text outside the blocks: one token per character, but ``\\r\\n`` is one token."""
    if "\r\n" not in text:
        extend(text)
        return
    # re.split with one group: odd places hold the matches (\r\n or a space), kept whole.
    for index, piece in enumerate(_SPACE.split(text)):
        extend((piece,) if index % 2 else piece)


def _block(
    block: str, freqs: dict[str, int], scores: dict[int, float], unknown: float, tokens: list
) -> None:
    """Segment a block: the best-scoring route of dictionary words, with runs of single
    characters that are no word together given to the HMM."""
    size = len(block)
    best = [0.0] * (size + 1)  # best[i]: the score of the best route through block[i:]
    ends = [0] * size  # ends[i]: where the first word of that route ends
    for start in range(size - 1, -1, -1):
        top = -inf
        stop = end = start + 1
        word = block[start]
        while word in freqs:  # a prefix of some word
            freq = freqs[word]
            if freq:  # a word
                score = scores[freq] + best[stop]
                if score >= top:  # on equal scores the longer word wins, as in jieba
                    top = score
                    end = stop
            if stop == size:
                break
            stop += 1
            word = block[start:stop]
        # No word starts here: the character alone, as a word jieba does not know.
        best[start] = unknown + best[end] if top == -inf else top
        ends[start] = end
    add = tokens.append
    run = 0  # where the current run of single characters began
    here = 0
    while here < size:
        end = ends[here]
        if end - here > 1:
            if here - run == 1:
                add(block[run])
            elif run < here:
                _singles(block[run:here], freqs, tokens)
            add(block[here:end])
            run = end
        here = end
    if size - run == 1:
        add(block[run])
    elif run < size:
        _singles(block[run:], freqs, tokens)


def _singles(run: str, freqs: dict[str, int], tokens: list[str]) -> None:
    """A run of two or more characters the route took one at a time: each character if the
    run is a word itself, else what the HMM makes of it."""
    if freqs.get(run):
        tokens.extend(run)
    else:
        _hmm(run, tokens)


def _hmm(text: str, tokens: list[str]) -> None:
    """``finalseg.cut(text)``: Han runs through the HMM, the rest split as finalseg does."""
    force_split = finalseg.Force_Split_Words  # words added with frequency 0
    add, extend = tokens.append, tokens.extend
    blocks = _HMM_HAN.split(text)
    for index, block in enumerate(blocks):
        if index % 2 == 0:
            if block:
                extend(piece for piece in _HMM_OTHER.split(block) if piece)
            continue
        for word in _viterbi_words(block):
            if word in force_split:
                extend(word)
            else:
                add(word)


class _Model:
    """finalseg's probabilities, unpacked into plain floats once (its tables are module
    globals, read when first needed)."""

    def __init__(self):
        start, trans, emit = finalseg.start_P, finalseg.trans_P, finalseg.emit_P
        low = finalseg.MIN_FLOAT
        self.start = tuple(start[state] for state in "BMES")
        # trans_p[y0].get(y, MIN_FLOAT) for the moves finalseg allows (its PrevStatus)
        self.moves = tuple(
            trans[before].get(after, low)
            for before, after in ("EB", "SB", "MM", "BM", "SS", "ES", "BE", "ME")
        )
        self.unseen = (low, low, low, low)
        characters = set().union(*(emit[state] for state in "BMES"))
        self.emit = {
            char: tuple(emit[state].get(char, low) for state in "BMES") for char in characters
        }


_MODEL: _Model | None = None


def _model() -> _Model:
    global _MODEL
    if _MODEL is None:
        _MODEL = _Model()
    return _MODEL


def _viterbi_words(text: str) -> list[str]:
    """The words finalseg's ``__cut`` makes of a Han run: its Viterbi path (the sums in
    its order, its tie-breaks), then words cut at each E and S."""
    model = _model()
    emit, unseen = model.emit.get, model.unseen
    eb, sb, mm, bm, ss, es, be, me = model.moves
    e_b, e_m, e_e, e_s = emit(text[0], unseen)
    s_b, s_m, s_e, s_s = model.start
    v_b, v_m, v_e, v_s = s_b + e_b, s_m + e_m, s_e + e_e, s_s + e_s
    back = []  # per character after the first: each state's previous state
    push = back.append
    for char in text[1:]:
        e_b, e_m, e_e, e_s = emit(char, unseen)
        # finalseg takes max((prob, previous)): on equal probabilities the later letter
        # of "BMES" sorted wins (S over E, M over B).
        one, two = v_e + eb + e_b, v_s + sb + e_b
        n_b, p_b = (one, E) if one > two else (two, S)
        one, two = v_m + mm + e_m, v_b + bm + e_m
        n_m, p_m = (two, B) if two > one else (one, M)
        one, two = v_s + ss + e_s, v_e + es + e_s
        n_s, p_s = (two, E) if two > one else (one, S)
        one, two = v_b + be + e_e, v_m + me + e_e
        n_e, p_e = (one, B) if one > two else (two, M)
        push((p_b, p_m, p_e, p_s))
        v_b, v_m, v_e, v_s = n_b, n_m, n_e, n_s
    state = E if v_e > v_s else S
    states = [state] * len(text)
    for index in range(len(back) - 1, -1, -1):
        state = back[index][state]
        states[index] = state
    words = []
    begin = after = 0
    for index, state in enumerate(states):
        if state == B:
            begin = index
        elif state == E:
            words.append(text[begin : index + 1])
            after = index + 1
        elif state == S:
            words.append(text[index])
            after = index + 1
    if after < len(text):
        words.append(text[after:])
    return words
