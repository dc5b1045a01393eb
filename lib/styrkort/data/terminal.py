"""Text from data (file names, units' names, titles) made inert for a terminal or a log."""

from __future__ import annotations

import re

#: C0 and C1 controls but tab and line feed, and the Unicode line separators and direction
#: overrides, which can make a line read as something it is not.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: object) -> str:
    """Control characters shown as escapes (``\\x1b``), not obeyed: an ESC sequence in a file name
    cannot recolour, move the cursor or clear the terminal."""
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), str(text))
