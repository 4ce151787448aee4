"""Scoring of every instrument: totals, band edges, risk items, invalid input."""

from __future__ import annotations

import pytest

from ipt_desktop.domain.measures import INSTRUMENTS, get_instrument, item_errors, score, severity
from ipt_desktop.domain.validation import ValidationFailed

# Every band edge of every instrument, checked from both sides: (key, total, expected label).
BAND_EDGES = [
    ("phq9", 0, "Minimal"), ("phq9", 4, "Minimal"), ("phq9", 5, "Mild"), ("phq9", 9, "Mild"),
    ("phq9", 10, "Moderate"), ("phq9", 14, "Moderate"), ("phq9", 15, "Moderately severe"),
    ("phq9", 19, "Moderately severe"), ("phq9", 20, "Severe"), ("phq9", 27, "Severe"),
    ("phqa", 4, "Minimal"), ("phqa", 5, "Mild"), ("phqa", 14, "Moderate"),
    ("phqa", 15, "Moderately severe"), ("phqa", 19, "Moderately severe"), ("phqa", 20, "Severe"),
    ("gad7", 0, "Minimal"), ("gad7", 4, "Minimal"), ("gad7", 5, "Mild"), ("gad7", 9, "Mild"),
    ("gad7", 10, "Moderate"), ("gad7", 14, "Moderate"), ("gad7", 15, "Severe"), ("gad7", 21, "Severe"),
    ("hamd17", 0, "Normal"), ("hamd17", 7, "Normal"), ("hamd17", 8, "Mild"), ("hamd17", 13, "Mild"),
    ("hamd17", 14, "Moderate"), ("hamd17", 18, "Moderate"), ("hamd17", 19, "Severe"),
    ("hamd17", 22, "Severe"), ("hamd17", 23, "Very severe"), ("hamd17", 52, "Very severe"),
    ("gds15", 0, "Normal"), ("gds15", 4, "Normal"), ("gds15", 5, "Mild"), ("gds15", 8, "Mild"),
    ("gds15", 9, "Moderate"), ("gds15", 11, "Moderate"), ("gds15", 12, "Severe"), ("gds15", 15, "Severe"),
    ("epds", 0, "Low"), ("epds", 9, "Low"), ("epds", 10, "Possible depression"),
    ("epds", 12, "Possible depression"), ("epds", 13, "Probable depression"),
    ("epds", 30, "Probable depression"),
]


def items_for_total(key: str, total: int) -> list[int]:
    """Fill items greedily up to their maxima so the sum is exactly ``total``."""
    items = []
    for high in get_instrument(key).item_max:
        take = min(high, total)
        items.append(take)
        total -= take
    assert total == 0
    return items


@pytest.mark.parametrize("key,total,label", BAND_EDGES)
def test_band_edges(key, total, label):
    assert severity(key, total).label == label
    result = score(key, items_for_total(key, total))
    assert result.total == total
    assert result.band.label == label


@pytest.mark.parametrize("key", list(INSTRUMENTS))
def test_bands_cover_the_whole_scale_without_gaps(key):
    instrument = get_instrument(key)
    assert instrument.bands[0].low == 0
    assert instrument.bands[-1].high == instrument.max_total
    for before, after in zip(instrument.bands, instrument.bands[1:]):
        assert after.low == before.high + 1


def test_scale_shapes():
    expected = {"phq9": (9, 27), "gad7": (7, 21), "hamd17": (17, 52), "gds15": (15, 15),
                "epds": (10, 30), "phqa": (9, 27)}
    assert {k: (i.item_count, i.max_total) for k, i in INSTRUMENTS.items()} == expected
    hamd = get_instrument("hamd17").item_max
    assert [n for n, high in enumerate(hamd, start=1) if high == 2] == [4, 5, 6, 12, 13, 14, 16, 17]


def test_licensed_scales_ship_no_item_text_and_free_ones_do():
    for key in ("epds", "phqa"):
        assert get_instrument(key).item_texts is None
        assert get_instrument(key).licensed_text
    phq9 = get_instrument("phq9")
    assert phq9.item_texts[8].startswith("Thoughts that you would be better off dead")
    assert phq9.option_labels[0] == ("Not at all", "Several days", "More than half the days",
                                     "Nearly every day")
    assert get_instrument("gad7").item_texts[1] == "Not being able to stop or control worrying"
    assert get_instrument("hamd17").item_texts[2] == "Suicide"
    gds = get_instrument("gds15")
    # Item 1 ("satisfied with your life?") scores 1 for "No"; item 2 scores 1 for "Yes".
    assert gds.option_labels[0][1] == "No" and gds.option_labels[1][1] == "Yes"
    for instrument in INSTRUMENTS.values():
        if instrument.item_texts is not None:
            assert len(instrument.item_texts) == instrument.item_count
        if instrument.option_labels is not None:
            assert [len(o) - 1 for o in instrument.option_labels] == list(instrument.item_max)


@pytest.mark.parametrize("key,item", [("phq9", 9), ("phqa", 9), ("epds", 10), ("hamd17", 3)])
def test_risk_item_above_zero_flags(key, item):
    items = [0] * get_instrument(key).item_count
    assert score(key, items).risk is False
    items[item - 1] = 1
    result = score(key, items)
    assert result.risk is True
    assert result.risk_items == (item,)


@pytest.mark.parametrize("key", ["gad7", "gds15"])
def test_scales_without_risk_items_never_flag(key):
    instrument = get_instrument(key)
    assert score(key, list(instrument.item_max)).risk is False


def test_wrong_item_count_names_expected_count():
    errors = item_errors("phq9", [0] * 8)
    assert errors == [(None, "PHQ-9 has 9 items, got 8")]
    with pytest.raises(ValidationFailed) as raised:
        score("phq9", [0] * 10)
    assert raised.value.first.path == "items"
    assert "9 items" in raised.value.first.message


def test_out_of_range_items_name_item_and_range():
    items = [0] * 17
    items[3] = 3  # HAM-D item 4 (early insomnia) only goes to 2
    items[0] = 5
    errors = item_errors("hamd17", items)
    assert [index for index, _ in errors] == [0, 3]
    assert "item 4" in errors[1][1] and "0 to 2" in errors[1][1]
    assert "0 to 4" in errors[0][1]
    assert item_errors("hamd17", [4, 4, 4, 2, 2, 2] + [0] * 11) == []


@pytest.mark.parametrize("bad", [-1, 2, True, "1", None, 1.0])
def test_gds_items_must_be_whole_0_or_1(bad):
    items = [0] * 15
    items[6] = bad
    errors = item_errors("gds15", items)
    assert [index for index, _ in errors] == [6]
    with pytest.raises(ValueError):
        score("gds15", items)


def test_unknown_instrument_and_total_outside_scale():
    with pytest.raises(ValueError, match="unknown instrument 'bdi'"):
        get_instrument("bdi")
    with pytest.raises(ValueError, match="0 to 27"):
        severity("phq9", 28)
    with pytest.raises(ValueError):
        severity("phq9", -1)
