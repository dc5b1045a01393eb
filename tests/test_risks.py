import pandas as pd
import pytest

from styrkort.data.errors import DataError
from styrkort.data.params import DEFAULT_BANDS, RiskSettings
from styrkort.reports.risks import Action, band_of, parse_actions, risk_grid, risk_register, with_assessments

AREAS = pd.DataFrame({"ar": [2024, 2024], "malomrade": [1, 3], "namn": ["Medarbetare", "Leverans"]})
COLUMNS = ["ar", "risk_id", "malomrade", "risk", "sannolikhet", "konsekvens", "riskvarde", "atgarder", "bedomning"]


def register(rows, settings=RiskSettings()):
    frame = pd.DataFrame(rows, columns=COLUMNS, dtype=object)
    frame["_row"] = range(2, len(rows) + 2)
    return risk_register(frame, AREAS, 2024, settings)


def test_value_is_probability_times_consequence_banded_by_params():
    [r] = register([(2024, "R1", 1, "Sjukfrånvaro", 5, 4, None, "Resurssocionomer\nIntroduktion", "")])
    assert (r.value, r.band.label, r.value_text) == (20, "Mycket hög", "5 × 4 = 20")
    assert r.actions == (Action("Resurssocionomer"), Action("Introduktion"))
    assert r.area_name == "Medarbetare"


def test_a_lead_in_holds_the_actions_after_it():
    text = "Rutiner\nFör en rimlig arbetsbelastning:\n- Resurssocionomer\n• Introduktion\nKarriärvägar:\nMentorer\n\n"
    assert parse_actions(text) == (Action("Rutiner"),
                                   Action("För en rimlig arbetsbelastning:", ("Resurssocionomer", "Introduktion")),
                                   Action("Karriärvägar:", ("Mentorer",)))
    assert parse_actions(None) == () and parse_actions("Bara en:") == (Action("Bara en:"),)


def test_stated_value_alone_is_kept_and_not_placed():
    [r] = register([(2024, "R5", 3, "Samverkan", None, None, 20, "", "")])
    assert (r.value, r.placed, r.band.label) == (20, False, "Mycket hög")
    assert "endast riskvärde" in r.value_text


def test_risk_without_value_is_not_assessed():
    [r] = register([(2024, "R2", 1, "Hot och våld", None, None, None, "", "")])
    assert (r.value, r.band, r.value_text) == (None, None, "ej bedömd")


def test_factor_outside_the_scale_is_refused_with_row_and_column():
    with pytest.raises(DataError) as exc:
        register([(2024, "R1", 1, "x", 5, 4, None, "", "")], RiskSettings(4, DEFAULT_BANDS[4]))
    p = exc.value.problems[0]
    assert (p.file, p.row, p.column) == ("risker.csv", 2, "sannolikhet")
    assert "utanför skalan 1–4" in p.message


def test_stated_value_must_match_the_product():
    with pytest.raises(DataError, match="riskvärdet 16 är inte sannolikhet × konsekvens = 5 × 4 = 20"):
        register([(2024, "R1", 1, "x", 5, 4, 16, "", "")])


def test_one_factor_alone_is_refused():
    with pytest.raises(DataError, match="både sannolikhet och konsekvens"):
        register([(2024, "R1", 1, "x", 5, None, None, "", "")])


@pytest.mark.parametrize("value, label", [(1, "Låg"), (6, "Låg"), (7, "Medel"), (12, "Medel"), (13, "Hög"),
                                          (18, "Hög"), (19, "Mycket hög"), (25, "Mycket hög")])
def test_common_5x5_banding(value, label):
    assert band_of(value, RiskSettings())[1].label == label


def test_grid_places_risks_in_their_cells_and_after_actions():
    risks = register([(2024, "R1", 1, "a", 5, 4, None, "", ""), (2024, "R3", 1, "b", 4, 4, None, "", ""),
                      (2024, "R6", 3, "c", 5, 4, None, "", ""), (2024, "R2", 1, "d", None, None, None, "", "")])
    grid = risk_grid(risks, 5)
    assert len(grid) == 25 and grid[(5, 4)] == ["R1", "R6"] and grid[(4, 4)] == ["R3"]
    after = with_assessments(risks, {"R1": (2, 3)}, RiskSettings())
    assert risk_grid(after, 5)[(2, 3)] == ["R1"] and after[0].band.label == "Låg"


def test_a_stated_value_reads_without_nested_brackets():
    from styrkort.reports.risks import Risk

    r = Risk("R5", 1, "Medarbetare", "Risk", None, None, 20, (), "", None, None)
    assert f"{r.risk_id} ({r.value_text})" == "R5 (20, endast riskvärde angivet)"
