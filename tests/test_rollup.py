import pytest

from styrkort.data.params import StatusRule
from styrkort.reports.rollup import distribution, rollup_status
from styrkort.data.status import Status

G, Y, R = Status.GRON, Status.GUL, Status.ROD


def test_default_rule_reproduces_the_seed_judgements():
    # Seed 000: five Grön and five Gul units gave Grön for Kvalitet …
    assert rollup_status(distribution([G] * 5 + [Y] * 5), StatusRule()) is G
    # … five Grön, three Gul and two Röd gave Gul for Leverans.
    assert rollup_status(distribution([G] * 5 + [Y] * 3 + [R] * 2), StatusRule()) is Y


def test_share_of_green_thresholds():
    rule = StatusRule()
    assert rollup_status(distribution([G] * 4 + [Y] * 6), rule) is Y
    assert rollup_status(distribution([G] * 7 + [R] * 3), rule) is R
    lenient = StatusRule(red_share_allowed_in_green=0.1)
    assert rollup_status(distribution([G] * 9 + [R]), lenient) is G


def test_worst_case_and_majority():
    statuses = [G] * 6 + [Y] * 3 + [R]
    assert rollup_status(distribution(statuses), StatusRule(kind="worst-case")) is R
    assert rollup_status(distribution(statuses), StatusRule(kind="majority")) is G
    assert rollup_status(distribution([G, G, Y, Y]), StatusRule(kind="majority")) is Y  # tie → worse


def test_missing_units_are_counted_not_guessed():
    d = distribution([G, G, None, Y])
    assert (d.gron, d.gul, d.rod, d.missing, d.reported, d.total) == (2, 1, 0, 1, 3, 4)
    assert d.share(G) == pytest.approx(2 / 3)
    assert rollup_status(distribution([None, None]), StatusRule()) is None


def test_rules_describe_themselves_in_swedish():
    assert "minst 50 %" in StatusRule().describe().replace("\u00a0", " ")
    assert "sämsta" in StatusRule(kind="worst-case").describe()


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="unknown status rule"):
        rollup_status(distribution([G]), StatusRule(kind="best-case"))
