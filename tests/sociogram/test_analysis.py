"""sociogram.analysis against values computed by hand (SOCIOMETRY.md).

The expected numbers below were worked out on paper from the formulas, not
read from the code: sample standard deviations, SP and SI standardised again.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from sociogram.analysis import (
    FEW_RESPONDENTS,
    LOW_PARTICIPATION,
    NO_NEGATIVE,
    analyse,
    z_scores,
)

approx = pytest.approx


def test_it_imports_without_django():
    code = "import sys, sociogram.analysis; sys.exit('django' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


def test_z_scores_use_the_sample_standard_deviation():
    # 1, 3, 1, 0: mean 1.25, squares 4.75, variance 4.75 / 3, sd 1.258306
    assert z_scores([1, 3, 1, 0]) == approx([-0.19868, 1.39076, -0.19868, -0.99340], abs=1e-5)


def test_z_is_zero_when_everybody_received_the_same():
    assert z_scores([2, 2, 2]) == [0.0, 0.0, 0.0]
    assert z_scores([5]) == [0.0]


def five_pupils():
    # LM received: a 4, b 0, c 0, d 3, e 2; LL received: a 0, b 3, c 0, d 2, e 1.
    return analyse(
        pupils=["a", "b", "c", "d", "e"],
        respondents={"a", "b", "c", "d", "e"},
        positive={"a": {"d", "e"}, "b": {"a", "d"}, "c": {"a", "d", "e"}, "d": {"a"}, "e": {"a"}},
        negative={"a": {"b"}, "c": {"b", "d"}, "e": {"b", "d"}, "b": {"e"}},
        min_respondents=5,
    )


def test_it_counts_received_nominations():
    result = five_pupils()
    assert [result.pupils[p].lm for p in "abcde"] == [4, 0, 0, 3, 2]
    assert [result.pupils[p].ll for p in "abcde"] == [0, 3, 0, 2, 1]
    assert result.pupils["a"].chosen_by == {"b", "c", "d", "e"}
    assert result.pupils["c"].chose == {"a", "d", "e"}


def test_it_computes_the_coie_dodge_scores_by_hand():
    result = five_pupils()
    # zLM: mean 1.8, sd sqrt(3.2); zLL: mean 1.2, sd sqrt(1.7)
    assert [result.pupils[p].z_lm for p in "abcde"] == approx(
        [1.22984, -1.00623, -1.00623, 0.67082, 0.11180], abs=1e-4
    )
    assert [result.pupils[p].z_ll for p in "abcde"] == approx(
        [-0.92036, 1.38054, -0.92036, 0.61357, -0.15339], abs=1e-4
    )
    # SP = zLM - zLL (sd 1.61253), SI = zLM + zLL (sd 1.18312), standardised again
    assert [result.pupils[p].z_sp for p in "abcde"] == approx(
        [1.33344, -1.48015, -0.05325, 0.03550, 0.16446], abs=1e-4
    )
    assert [result.pupils[p].z_si for p in "abcde"] == approx(
        [0.26158, 0.31638, -1.62840, 1.08559, -0.03515], abs=1e-4
    )


def test_it_sorts_every_status_category():
    result = five_pupils()
    assert {p: result.pupils[p].status for p in "abcde"} == {
        "a": "populair",
        "b": "afgewezen",
        "c": "genegeerd",
        "d": "controversieel",
        "e": "gemiddeld",
    }
    assert result.categories_shown


def test_it_finds_mutual_choices_and_rejections():
    result = five_pupils()
    assert result.pupils["a"].mutual_friends == {"d", "e"}
    assert result.pupils["b"].mutual_friends == set()
    assert result.pupils["b"].mutual_rejections == {"e"}
    assert result.pupils["e"].mutual_rejections == {"b"}
    assert result.mutual_pairs == [("a", "d"), ("a", "e")]
    assert result.rejection_pairs == [("b", "e")]
    assert result.pupils["b"].isolated and result.pupils["c"].isolated
    assert not result.pupils["e"].isolated


def test_class_measures_by_hand():
    result = five_pupils()
    assert result.cohesion == approx(2 / 10)  # 2 mutual pairs of 5*4/2
    assert result.dissociation == approx(1 / 10)
    assert result.coherence == approx(2 * 2 / 9)  # 9 positive nominations
    assert result.density == approx(9 / 20)
    assert result.participation == 1.0


def test_without_negative_nominations_no_pupil_gets_a_status():
    result = analyse(
        pupils=["a", "b", "c", "d"],
        respondents={"a", "b", "c", "d"},
        positive={"a": {"b"}, "b": {"a", "c"}, "c": {"b"}, "d": {"b"}},
        negative={},
        min_respondents=0,
    )
    assert [r.status for r in result.pupils.values()] == [None] * 4
    assert result.withheld == NO_NEGATIVE
    # The continuous scores are still there: LM 1, 3, 1, 0.
    assert [result.pupils[p].z_lm for p in "abcd"] == approx(
        [-0.19868, 1.39076, -0.19868, -0.99340], abs=1e-5
    )
    assert result.pupils["d"].isolated
    assert result.cohesion == approx(2 / 6)
    assert result.coherence == approx(4 / 5)
    assert result.density == approx(5 / 12)


def test_ties_give_everyone_zero_and_average():
    # Everyone receives one choice and one rejection: every SD is 0.
    result = analyse(
        pupils=["a", "b", "c"],
        respondents={"a", "b", "c"},
        positive={"a": {"b"}, "b": {"c"}, "c": {"a"}},
        negative={"a": {"c"}, "b": {"a"}, "c": {"b"}},
        min_respondents=0,
    )
    for r in result.pupils.values():
        assert (r.z_lm, r.z_ll, r.z_sp, r.z_si) == (0.0, 0.0, 0.0, 0.0)
        assert r.status == "gemiddeld"
    assert result.cohesion == 0.0 and result.mutual_pairs == []


def test_absent_pupils_are_compared_relative_to_who_took_part():
    result = analyse(
        pupils=["a", "b", "c", "d"],
        respondents={"a", "b", "c"},
        # d was absent: what d "chose" does not count.
        positive={"a": {"b", "d"}, "b": {"d"}, "c": {"b"}, "d": {"a"}},
        negative={"a": {"c"}},
        min_respondents=0,
    )
    assert result.participation == 0.75
    assert not result.pupils["d"].took_part
    assert [result.pupils[p].lm for p in "abcd"] == [0, 2, 0, 2]
    # b could be chosen by 2 classmates who took part, d by all 3.
    assert result.pupils["b"].lm_share == 1.0
    assert result.pupils["d"].lm_share == approx(2 / 3)
    # shares 0, 1, 0, 2/3: mean 5/12, variance 0.25
    assert [result.pupils[p].z_lm for p in "abcd"] == approx([-5 / 6, 7 / 6, -5 / 6, 0.5], abs=1e-9)
    assert result.withheld == LOW_PARTICIPATION
    assert all(r.status is None for r in result.pupils.values())


def test_categories_need_twelve_respondents_by_default():
    result = analyse(
        pupils=["a", "b", "c"],
        respondents={"a", "b", "c"},
        positive={"a": {"b"}},
        negative={"b": {"c"}},
    )
    assert result.withheld == FEW_RESPONDENTS
    assert all(r.status is None for r in result.pupils.values())


def test_empty_questions_give_an_empty_class_not_an_error():
    result = analyse(pupils=["a", "b", "c"], respondents={"a", "b", "c"}, positive={}, negative={})
    assert all(r.isolated and r.lm == 0 for r in result.pupils.values())
    assert (result.cohesion, result.coherence, result.density, result.dissociation) == (0, 0, 0, 0)
    assert result.subgroups == [] and result.bridges == set()
    assert analyse(pupils=[], respondents=set(), positive={}).participation == 0.0


def test_self_choices_and_strangers_do_not_count():
    result = analyse(
        pupils=["a", "b"],
        respondents={"a", "b"},
        positive={"a": {"a", "b", "zz"}, "zz": {"a"}},
    )
    assert result.pupils["a"].lm == 0
    assert result.pupils["b"].lm == 1
    assert result.pupils["a"].chose == {"b"}


def test_subgroups_and_the_bridge_between_them():
    # Two triangles of mutual friends; d is a mutual friend of c and of e.
    everyone = ["a", "b", "c", "d", "e", "f", "g"]
    mutual = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"), ("e", "f"), ("f", "g")]
    mutual += [("e", "g")]
    positive = {p: set() for p in everyone}
    for x, y in mutual:
        positive[x].add(y)
        positive[y].add(x)
    result = analyse(pupils=everyone, respondents=set(everyone), positive=positive)
    assert len(result.subgroups) == 2
    first, second = result.subgroups
    assert {"a", "b"} <= first | second
    assert not ({"a", "b"} & first and {"a", "b"} & second)
    assert not ({"f", "g"} & first and {"f", "g"} & second)
    # Betweenness (by hand, pairs through each / 15): c 8, d 9, e 8, the rest 0.
    assert result.pupils["d"].betweenness == approx(9 / 15)
    assert result.pupils["c"].betweenness == approx(8 / 15)
    assert result.bridges == {"d"}
    assert result.pupils["a"].subgroup != result.pupils["g"].subgroup


def test_it_is_deterministic():
    everyone = [f"p{i}" for i in range(20)]
    positive = {p: {everyone[(i + k) % 20] for k in (1, 2, 7)} for i, p in enumerate(everyone)}
    for p in everyone[::3]:
        positive[everyone[(everyone.index(p) + 1) % 20]].add(p)
    first = analyse(pupils=everyone, respondents=set(everyone), positive=positive)
    second = analyse(pupils=everyone, respondents=set(everyone), positive=positive)
    assert first.subgroups == second.subgroups
    assert first.bridges == second.bridges


def test_a_pupil_at_the_class_mean_is_not_classified_on_a_rounding_error():
    # Everyone names the maximum (two positive, two negative), so the mean of
    # LM received is exactly 2; d received exactly 2 (zLM = 0) and 3 negative
    # (zLL > 0, zSI > 1). Controversieel needs zLM > 0: d is not, and with
    # |zSI| > 0.5 d is not gemiddeld either. In floating point 2/5 minus the
    # mean of the shares came out as 1.6e-16, which made d controversieel.
    result = analyse(
        pupils=list("abcdef"),
        respondents=set("abcdef"),
        positive={"a": "be", "b": "de", "c": "de", "d": "ce", "e": "bf", "f": "be"},
        negative={"a": "cd", "b": "ac", "c": "af", "d": "ab", "e": "ad", "f": "cd"},
        min_respondents=6,
    )
    d = result.pupils["d"]
    assert (d.lm, d.ll) == (2, 3)
    assert d.z_lm == 0.0
    assert d.z_si > 1.0
    assert d.status is None


def test_z_is_exactly_zero_at_the_mean_of_fractions():
    from fractions import Fraction

    scores = z_scores([Fraction(2, 5), Fraction(1, 5), Fraction(3, 5), Fraction(2, 5)])
    assert scores[0] == scores[3] == 0.0
    assert scores[1] == -scores[2] != 0.0
