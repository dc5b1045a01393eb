import pytest

from conftest import ROOT
from styrkort.errors import DataError
from styrkort.params import load_params


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
])
def test_bad_params_are_refused_with_the_key_named(tmp_path, text, words):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_params(path)
    assert words in str(exc.value) and "p.yaml" in str(exc.value)
