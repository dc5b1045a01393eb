"""Report settings from ``params/*.yaml``: the status rule and the colour thresholds; for a board of
a municipality, with the municipality's and the board's own settings over them."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from styrkort.data import fmt
from styrkort.data.errors import DataError, Problem
from styrkort.data.municipality import params_layers
from styrkort.data.values import whole_number
from styrkort.data.yamlfile import is_number, read_yaml

#: The rules that propose an area's status from its units' (see :mod:`styrkort.reports.rollup`).
RULES = ("share-of-green", "majority", "worst-case")


@dataclass(frozen=True)
class StatusRule:
    """Which rule proposes a goal area's status, with its thresholds (shares 0–1)."""

    kind: str = "share-of-green"
    green_share_for_green: float = 0.5
    red_share_allowed_in_green: float = 0.0
    red_share_for_red: float = 0.3

    def describe(self) -> str:
        """The rule in a sentence a board member can read."""
        if self.kind == "worst-case":
            return "Föreslagen status är den sämsta status som någon enhet rapporterat."
        if self.kind == "majority":
            return "Föreslagen status är den som flest enheter rapporterat; vid lika antal väljs den sämre."
        allowed = "inga" if self.red_share_allowed_in_green == 0 else f"högst {_share(self.red_share_allowed_in_green)}"
        return (
            f"Föreslagen status är Grön när minst {_share(self.green_share_for_green)} av enheterna rapporterat "
            f"Grön och {allowed} Röd, Röd när minst {_share(self.red_share_for_red)} rapporterat Röd, "
            "annars Gul."
        )


def _share(x: float) -> str:
    return fmt.percent(x * 100, 0)


@dataclass(frozen=True)
class BudgetThresholds:
    """Budget deviation in percent of the budget, positive = better than budget."""

    green_from: float = 0.0
    yellow_from: float = -1.0


@dataclass(frozen=True)
class IndicatorSettings:
    tolerance_percent: float = 2.0  # a change within this share of last year's value counts as unchanged
    share_of_target_yellow: float = 80.0  # percent of a target value that still gives Gul


@dataclass(frozen=True)
class RiskBand:
    max: int  # highest risk value in the band
    label: str


#: The risk scales a register may use: probability and consequence each 1..scale.
SCALES = range(3, 8)
_LABELS = ("Låg", "Medel", "Hög", "Mycket hög")


def default_bands(scale: int) -> tuple[RiskBand, ...]:
    """Four bands over 1..scale²: the common matrices' for 4 and 5 levels, else quarters."""
    if scale == 4:
        maxes = (3, 6, 9, 16)
    else:
        top = scale * scale
        maxes = (top // 4, top // 2, top * 3 // 4, top)
    return tuple(RiskBand(m, label) for m, label in zip(maxes, _LABELS))


DEFAULT_BANDS = {scale: default_bands(scale) for scale in SCALES}


@dataclass(frozen=True)
class RiskSettings:
    """Probability and consequence are each 1..scale; bands split the values 1..scale²."""

    scale: int = 5
    bands: tuple[RiskBand, ...] = DEFAULT_BANDS[5]


@dataclass(frozen=True)
class Params:
    status_rule: StatusRule = StatusRule()
    budget_deviation: BudgetThresholds = BudgetThresholds()
    indicators: IndicatorSettings = IndicatorSettings()
    risk: RiskSettings = RiskSettings()
    economy_goal_area: int = 4  # the goal area whose section carries the budget deviation
    source: str = ""


_SECTIONS = {"status_rule": StatusRule, "budget_deviation": BudgetThresholds, "indicators": IndicatorSettings}


def load_params(path: str | Path, data_dir: str | Path | None = None) -> Params:
    """Read a params file, and for a board's data folder its municipality's and its own settings over it
    (:mod:`styrkort.data.municipality`); every unknown key or bad value is refused with its file named."""
    path = Path(path)
    raw = read_yaml(path, "inställningsfilen")
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise DataError([Problem(path.name, "filen ska innehålla nycklar och värden")])
    problems: list[Problem] = []
    _values(path.name, raw, problems)
    for name, layer in params_layers(data_dir):
        _values(name, layer, problems)  # each layer checked on its own, so a message names its file
        raw = _over(raw, layer)
    if problems:
        raise DataError(problems, str(path))
    values = _values(path.name, raw, problems)
    if problems:  # layers that are right alone but not together (a scale with another layer's bands)
        raise DataError(problems, str(path))
    return Params(**values, source=str(path))


def _over(base: dict, layer: dict) -> dict:
    """``layer`` over ``base``: a section it names is replaced key by key, the risk scale whole."""
    merged = dict(base)
    for key, value in layer.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict) and key != "risk":
            merged[key] = {**base[key], **value}
        else:
            merged[key] = value
    return merged


def _values(name: str, raw: dict, problems: list[Problem]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, section in raw.items():
        if key == "economy_goal_area":
            if whole_number(section) is None or isinstance(section, str) or section < 1:
                problems.append(Problem(name, f"economy_goal_area ska vara ett målområdes nummer, inte {section!r}"))
            else:
                values[key] = int(section)
            continue
        if key == "risk":
            values[key] = _risk(name, section, problems)
            continue
        cls = _SECTIONS.get(key)
        if cls is None:
            problems.append(Problem(name, f"okänd nyckel {key!r}; kända: economy_goal_area, risk, {', '.join(_SECTIONS)}"))
            continue
        values[key] = _section(name, key, section, cls, problems)
    return values


def _section(name: str, key: str, section: Any, cls: type, problems: list[Problem]) -> Any:
    if not isinstance(section, dict):
        problems.append(Problem(name, f"{key} ska innehålla nycklar och värden"))
        return cls()
    known = {f.name: f for f in fields(cls)}
    kwargs = {}
    for k, v in section.items():
        if k not in known:
            problems.append(Problem(name, f"okänd nyckel {key}.{k}; kända: {', '.join(known)}"))
        elif k == "kind":
            if v not in RULES:
                problems.append(Problem(name, f"{key}.kind {v!r} är inte en känd regel; kända: {', '.join(RULES)}"))
            else:
                kwargs[k] = v
        elif not is_number(v):
            problems.append(Problem(name, f"{key}.{k} ska vara ett tal, inte {v!r}"))
        elif key == "status_rule" and not 0 <= v <= 1:
            problems.append(Problem(name, f"{key}.{k} är en andel mellan 0 och 1, inte {v!r}"))
        else:
            kwargs[k] = float(v)
    return cls(**kwargs)


def _risk(name: str, section: Any, problems: list[Problem]) -> RiskSettings:
    if not isinstance(section, dict) or set(section) - {"scale", "bands"}:
        problems.append(Problem(name, f"risk ska innehålla scale ({SCALES.start}–{SCALES.stop - 1}) och eventuellt bands"))
        return RiskSettings()
    given = section.get("scale", 5)
    scale = None if isinstance(given, (bool, str)) else whole_number(given)
    if scale not in DEFAULT_BANDS:
        problems.append(Problem(name, f"risk.scale ska vara ett heltal {SCALES.start}–{SCALES.stop - 1} (nivåer av "
                                      f"sannolikhet och konsekvens), inte {given!r}"))
        return RiskSettings()
    if "bands" not in section:
        return RiskSettings(scale, DEFAULT_BANDS[scale])
    if not isinstance(section["bands"], list):
        problems.append(Problem(name, f"risk.bands ska vara en lista av band, inte {section['bands']!r}"))
        return RiskSettings()
    bands = []
    for i, b in enumerate(section["bands"], start=1):
        if (not isinstance(b, dict) or set(b) - {"max", "label"} or not is_number(b.get("max"))
                or whole_number(b.get("max")) is None or not isinstance(b.get("label"), str)):
            problems.append(Problem(name, f"risk.bands nr {i} ska ha max (heltal) och label (text), inte {b!r}"))
            return RiskSettings()
        bands.append(RiskBand(int(b["max"]), b["label"]))
    maxes = [b.max for b in bands]
    if not bands or maxes != sorted(set(maxes)) or maxes[0] < 1 or maxes[-1] != scale * scale:
        problems.append(Problem(name, f"risk.bands ska ha stigande max och sluta på {scale * scale} "
                                      f"(skalan {scale} × {scale}), inte {maxes}"))
        return RiskSettings()
    return RiskSettings(scale, tuple(bands))
