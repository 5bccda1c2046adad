"""The report page: the HTML template from ``speechkit/data/report/`` with its styles, its
script, the Vega/Vega-Lite/vega-embed scripts and the report's data inlined, so the file opens
offline and fetches nothing."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from string import Template
from typing import Any

from speechkit import atomic
from speechkit.errors import SpeechkitError
from speechkit.resources import bundled_text
from speechkit.user_cache import cache_dir


def render_page(data: dict[str, Any]) -> str:
    return "".join(page_pieces(data))


# Stands for the data while the rest of the template is filled in.
_DATA_MARK = "\x00speechkit-report-data\x00"


def page_pieces(data: dict[str, Any]) -> Iterator[str]:
    """The page (``render_page``) in pieces, the data a section at a time: a page of a large
    corpus is written without the whole of it, or of its JSON, in memory at once."""
    page = Template(bundled_text("report/report.html")).substitute(
        lang="zh-Hans" if data["lang"] == "zh" else "en",
        title=_escape(data["labels"]["page_title"]),
        css=bundled_text("report/report.css"),
        vega=_inline_script(vega_script()),
        script=_inline_script(bundled_text("report/report.js")),
        data=_DATA_MARK,
    )
    head, tail = page.split(_DATA_MARK)
    yield head
    yield from embedded_pieces(data)
    yield tail


def embedded_pieces(data: Any, items: int = 4096) -> Iterator[str]:
    """``embed_json(data)`` in pieces: the same text, a dict's values one at a time and a
    long list ``items`` at a time (the targets table of a 100 MB corpus is 60 MB of JSON)."""
    if isinstance(data, dict) and all(type(key) is str for key in data):
        yield "{"
        for number, (key, value) in enumerate(data.items()):
            yield ("," if number else "") + embed_json(key) + ":"
            yield from embedded_pieces(value, items)
        yield "}"
    elif isinstance(data, list) and len(data) > items:
        yield "["
        for start in range(0, len(data), items):
            yield ("," if start else "") + embed_json(data[start : start + items])[1:-1]
        yield "]"
    else:
        yield embed_json(data)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def embed_json(data: Any) -> str:
    """``data`` as JSON that can sit inside a <script> element: "<" only occurs in strings
    in JSON, where ``\\u003c`` means the same, so no "</script" or "<!--" can end it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def read_embedded(html: str) -> Any:
    """The data a page embeds (for tests and scripts that read a report back)."""
    start = html.index('<script type="application/json" id="report-data">')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


def _inline_script(text: str) -> str:
    # Only "</script" can end a script element early; "<\/" means "</" in JS strings/regexes.
    return _SCRIPT_END.sub(r"<\\/\1", text)


def vega_script() -> str:
    """The Vega, Vega-Lite and vega-embed scripts as one classic script (``window.vegaEmbed``),
    from the vl-convert-python package (the Vega project's own bundler). Bundling takes about
    12 s, so the result is cached per vl-convert version in ``$XDG_CACHE_HOME/speechkit``."""
    try:
        import vl_convert
    except ImportError:
        raise SpeechkitError(
            "speechkit report needs the vl-convert-python package for its charts; "
            "install it with: pip install 'speechkit[report]'"
        ) from None
    version = getattr(vl_convert, "__version__", "unknown")
    cache = cache_dir() / f"vega-embed-vl-convert-{version}.js"
    if cache.is_file():
        return cache.read_text(encoding="utf-8")
    script = vl_convert.javascript_bundle()
    # A read-only home: the page is still made, and the bundle built again next time.
    with contextlib.suppress(OSError):
        write_atomic(cache, script)
    return script


def write_atomic(path: Path, text: str | Iterable[str]) -> Path:
    """Write ``text`` (or its pieces, in turn) to a temporary sibling of ``path``, then
    rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    atomic.register(tmp)  # an interrupt, which ends the process at once, removes it
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a page is for sharing
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            for piece in [text] if isinstance(text, str) else text:
                stream.write(piece)
        with atomic.no_interrupts():
            os.replace(tmp, path)
            atomic.release(tmp)
    except BaseException:
        atomic.remove(tmp)
        raise
    return path
