"""The one reader of YAML files (params and the analyst's adjustments), defended.

Safe types only (strings, numbers, booleans, dates, lists, mappings), no anchors or aliases (an
alias "bomb" multiplies a few lines into gigabytes), a size limit, a mapping key given twice
refused (the second would silently win), and the encodings Windows editors save. Every refusal is
a DataError naming the file, and the line where YAML can tell it.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml

from styrkort.data.errors import DataError, Problem
from styrkort.data.decoding import decode

#: Params and adjustment files are a few kilobytes; anything near this is not one.
MAX_BYTES = 1_000_000


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses a mapping key given twice (anchors are refused before it runs)."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.YAMLError(f"rad {key_node.start_mark.line + 1}: en nyckel kan inte vara en lista eller "
                                     "en tabell") from None
            if key in seen:
                raise yaml.YAMLError(f"rad {key_node.start_mark.line + 1}: nyckeln {key!r} står redan på rad "
                                     f"{seen[key]}; en nyckel får bara finnas en gång")
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)


def _no_anchors(text: str, name: str) -> None:
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.AnchorToken):
            raise DataError([Problem(name, f"rad {token.start_mark.line + 1}: ankare (&{token.value}) och alias är "
                                           "inte tillåtna; skriv ut värdena")], name)


def read_yaml(path: Path, what: str = "filen") -> Any:
    """The file's content, or DataError. ``what`` names the file in messages ("inställningsfilen")."""
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(str(path), f"{what} finns inte")], str(path)) from None
    except IsADirectoryError:
        raise DataError([Problem(str(path), f"{what} är en mapp, inte en fil")], str(path)) from None
    except OSError as exc:
        raise DataError([Problem(str(path), f"{what} går inte att läsa ({exc.strerror})")], str(path)) from None
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(name, f"{what} är {len(raw):,} byte; högst {MAX_BYTES:,} tillåts".replace(",", " "))],
                        name)
    if b"\x00" in raw:
        raise DataError([Problem(name, f"{what} är ingen textfil (den innehåller nollbyte)")], name)
    text = decode(raw)
    try:
        _no_anchors(text, name)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        raise DataError([Problem(name, f"{what} är inte giltig YAML: {_first_line(exc)}")], name) from None
    except RecursionError:
        raise DataError([Problem(name, f"{what} är för djupt nästlad")], name) from None


def _first_line(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if mark is not None and problem:
        return f"rad {mark.line + 1}, kolumn {mark.column + 1}: {problem}"
    return str(exc).splitlines()[0]


def is_number(value: Any) -> bool:
    """A finite int or float, not a boolean: ``true`` is no amount, ``.inf`` and ``.nan`` are no figures."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def is_text(value: Any) -> bool:
    """A scalar that reads as text: a string or a number (``R1``, ``1``), not a list, mapping or boolean."""
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)
