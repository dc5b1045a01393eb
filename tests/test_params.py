import pytest

from conftest import ROOT
from styrkort.data.errors import DataError
from styrkort.data.params import load_params


def test_shipped_params_load():
    p = load_params(ROOT / "params" / "styrkort.yaml")
    assert p.status_rule.kind == "share-of-green"
    assert p.budget_deviation.yellow_from == -1.0


@pytest.mark.parametrize("text, words", [
    ("status_rule:\n  kind: best-case\n", "best-case"),
    ("status_rule:\n  green_share_for_green: 1.5\n", "mellan 0 och 1"),
    ("budget_deviation:\n  green_from: noll\n", "ska vara ett tal"),
    ("färg: röd\n", "okänd nyckel"),
    ("status_rule: [\n", "inte giltig YAML"),
    ("risk:\n  scale: 8\n", "ett heltal 3–7"),
    ("risk:\n  scale: 4\n  bands:\n    - {max: 6, label: Låg}\n    - {max: 25, label: Hög}\n", "sluta på 16"),
    ("risk:\n  bands:\n    - {max: 12, label: Låg}\n    - {max: 6, label: Hög}\n", "stigande max"),
])
def test_bad_params_are_refused_with_the_key_named(tmp_path, text, words):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_params(path)
    assert words in str(exc.value) and "p.yaml" in str(exc.value)


def test_risk_scale_of_four_gets_its_own_default_bands(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("risk:\n  scale: 4\n", encoding="utf-8")
    risk = load_params(path).risk
    assert risk.scale == 4 and risk.bands[-1].max == 16
