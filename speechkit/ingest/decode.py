"""Turn the bytes of a raw dump into text: BOMs, UTF-8, GB18030/GBK and Big5, detected."""

from __future__ import annotations

import codecs
from functools import cache

from speechkit.errors import SpeechkitError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tried in this order when there is no BOM; UTF-8 is strict enough to win whenever it decodes.
CANDIDATES = ("utf-8", "gb18030", "big5")


@cache
def _common_hanzi() -> frozenset[str]:
    """The everyday characters of both scripts: GB2312 level 1 and Big5's frequent block.

    Legacy encodings decode each other's bytes into valid but rare characters, so the
    candidate whose text holds more everyday characters is the right one.
    """
    chars: set[str] = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            chars.update(bytes((hi, lo)).decode("gb2312", errors="ignore"))
    for hi in range(0xA4, 0xC7):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            chars.update(bytes((hi, lo)).decode("big5", errors="ignore"))
    return frozenset(chars)


def _score(text: str) -> int:
    common = _common_hanzi()
    return sum(1 for ch in text if ch in common)


def _decode(data: bytes, codec: str, final: bool) -> str:
    if final:
        return data.decode(codec)
    # A sample cut from a larger file may end inside a character: leave that tail undecoded.
    return codecs.getincrementaldecoder(codec)().decode(data, final=False)


def decode_bytes(
    data: bytes, name: str, encoding: str | None = None, final: bool = True
) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; ``name`` is used in error messages.
    ``final=False`` says ``data`` is the start of a larger file (it may end mid-character)."""
    if not data:
        raise SpeechkitError(f"{name}: the file is empty; give a file with speech text in it.")
    if encoding:
        try:
            return _decode(data, encoding, final), encoding
        except LookupError:
            raise SpeechkitError(
                f"{name}: unknown encoding {encoding!r}; try utf-8, gb18030 or big5."
            ) from None
        except UnicodeDecodeError as exc:
            raise SpeechkitError(
                f"{name}: not valid {encoding} (byte {exc.start}); "
                "drop --encoding to let speechkit detect it."
            ) from None
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return _decode(data, codec, final), codec
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise SpeechkitError(
            f"{name}: looks binary (it contains NUL bytes); give a plain-text dump "
            "(UTF-8, UTF-16 with BOM, GB18030 or Big5)."
        )
    try:
        return _decode(data, "utf-8", final), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = []
    for codec in CANDIDATES[1:]:
        try:
            decoded.append((_decode(data, codec, final), codec))
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise SpeechkitError(
            f"{name}: cannot be decoded as UTF-8, GB18030 or Big5; it may be binary. "
            "If you know its encoding, pass --encoding."
        )
    text, codec = max(decoded, key=lambda pair: _score(pair[0]))
    return text, codec
