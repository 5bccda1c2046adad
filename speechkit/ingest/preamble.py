"""What a file's preamble gives the speech it heads: the report's title block and title line.

The preamble (the text before the first opening line) is no speech. In a file of one speech
it is the report's title block (title, subtitles such as ——在…会议上, dateline, speaker),
except for the page chrome a scraped page prints first: a content-farm page ends its header
(other articles' titles, dates) with a line holding the site's tag, 【628568.com--演讲稿】.
"""

from __future__ import annotations

import re

# A line that starts with a site's tag in 【】; everything up to the last one is page chrome.
# A line ends at LF, CRLF or a lone CR, as in splitting.
SITE_TAG_LINE = re.compile(r"(?:^|(?<=\r))[ \t\u3000]*【[^\r\n]*(?:\r\n|\r|\n|\Z)", re.M)


def title_block_start(preamble: str) -> int:
    """Where the title block starts in ``preamble``: after its last site-tag line, else 0."""
    return max((m.end() for m in SITE_TAG_LINE.finditer(preamble)), default=0)


def block_title(block: str) -> str:
    """A report's own title: the first line of its title block (cleaned) that is not a date."""
    for line in block.splitlines():
        line = line.strip()
        if line and not line[:4].isdigit():
            return line
    return ""
