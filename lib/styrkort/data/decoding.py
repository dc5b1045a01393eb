"""Text files as the people who write them save them: UTF-8 or Windows-1252, any line endings.

Light on purpose (no pandas): the YAML reader uses it, and a command that finds a run unchanged
reads YAML before anything else.
"""

from __future__ import annotations


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM); Excel's and Notepad's Windows-1252 as the fallback. Line
    breaks as ``\\n``, whatever the file used."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")
