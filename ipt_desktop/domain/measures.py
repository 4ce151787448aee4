"""Rating scales: items, scoring, severity bands, risk items and remission thresholds.

Item wording is included only for scales that are public domain or free to reproduce
(PHQ-9 and GAD-7 from Pfizer's free-to-use release, HAM-D-17, GDS-15). EPDS and PHQ-A item
text is not shipped (``licensed_text=True``): the therapist enters item scores from the paper form.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipt_desktop.domain.measure_texts import (
    GAD7_ITEMS, GDS15_ITEMS, GDS15_OPTIONS, HAMD17_ITEMS, HAMD17_OPTIONS, PHQ9_ITEMS,
)
from ipt_desktop.domain.validation import FieldError, ValidationFailed


@dataclass(frozen=True, slots=True)
class Band:
    low: int  # inclusive
    high: int  # inclusive
    label: str

    def __contains__(self, total: object) -> bool:
        return isinstance(total, int) and self.low <= total <= self.high


@dataclass(frozen=True, slots=True)
class Instrument:
    key: str
    name: str
    short_name: str
    item_count: int
    item_max: tuple[int, ...]  # per-item maximum; every item's minimum is 0
    item_texts: tuple[str, ...] | None  # None when the wording is under licence
    option_labels: tuple[tuple[str, ...], ...] | None  # per item, index = score
    bands: tuple[Band, ...]
    risk_items: tuple[int, ...]  # 1-based item numbers where any value > 0 raises a flag
    remission_max: int  # a total at or below this counts as remission
    licensed_text: bool
    stem: str | None = None

    @property
    def max_total(self) -> int:
        return sum(self.item_max)


@dataclass(frozen=True, slots=True)
class Score:
    instrument: str  # key of INSTRUMENTS (as in MeasureAdministration.instrument)
    total: int
    band: Band
    risk: bool
    risk_items: tuple[int, ...]  # 1-based numbers of risk items scored above 0


_FREQUENCY = ("Not at all", "Several days", "More than half the days", "Nearly every day")
_TWO_WEEKS = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
_PHQ_BANDS = (Band(0, 4, "Minimal"), Band(5, 9, "Mild"), Band(10, 14, "Moderate"),
              Band(15, 19, "Moderately severe"), Band(20, 27, "Severe"))

# HAM-D-17: insomnia (4-6), GI and general somatic (12, 13), genital (14), weight loss (16)
# and insight (17) are rated 0-2; the rest 0-4 (maximum total 52).
_HAMD_TWO_POINT = {4, 5, 6, 12, 13, 14, 16, 17}

INSTRUMENTS: dict[str, Instrument] = {
    "phq9": Instrument(
        key="phq9", name="Patient Health Questionnaire-9", short_name="PHQ-9", item_count=9,
        item_max=(3,) * 9, item_texts=PHQ9_ITEMS, option_labels=(_FREQUENCY,) * 9,
        bands=_PHQ_BANDS, risk_items=(9,), remission_max=4, licensed_text=False, stem=_TWO_WEEKS),
    "gad7": Instrument(
        key="gad7", name="Generalized Anxiety Disorder-7", short_name="GAD-7", item_count=7,
        item_max=(3,) * 7, item_texts=GAD7_ITEMS, option_labels=(_FREQUENCY,) * 7,
        bands=(Band(0, 4, "Minimal"), Band(5, 9, "Mild"), Band(10, 14, "Moderate"),
               Band(15, 21, "Severe")),
        risk_items=(), remission_max=4, licensed_text=False, stem=_TWO_WEEKS),
    "hamd17": Instrument(
        key="hamd17", name="Hamilton Rating Scale for Depression (17 items)", short_name="HAM-D-17",
        item_count=17, item_max=tuple(2 if n in _HAMD_TWO_POINT else 4 for n in range(1, 18)),
        item_texts=HAMD17_ITEMS, option_labels=HAMD17_OPTIONS,
        bands=(Band(0, 7, "Normal"), Band(8, 13, "Mild"), Band(14, 18, "Moderate"),
               Band(19, 22, "Severe"), Band(23, 52, "Very severe")),
        risk_items=(3,), remission_max=7, licensed_text=False,
        stem="Clinician-rated: choose the description that best characterises the client."),
    "gds15": Instrument(
        key="gds15", name="Geriatric Depression Scale (short form)", short_name="GDS-15",
        item_count=15, item_max=(1,) * 15, item_texts=GDS15_ITEMS, option_labels=GDS15_OPTIONS,
        bands=(Band(0, 4, "Normal"), Band(5, 8, "Mild"), Band(9, 11, "Moderate"),
               Band(12, 15, "Severe")),
        risk_items=(), remission_max=4, licensed_text=False,
        stem="Choose the best answer for how you have felt over the past week."),
    "epds": Instrument(
        key="epds", name="Edinburgh Postnatal Depression Scale", short_name="EPDS", item_count=10,
        item_max=(3,) * 10, item_texts=None, option_labels=None,
        bands=(Band(0, 9, "Low"), Band(10, 12, "Possible depression"),
               Band(13, 30, "Probable depression")),
        risk_items=(10,), remission_max=9, licensed_text=True, stem=None),
    "phqa": Instrument(
        key="phqa", name="PHQ-9 Modified for Adolescents", short_name="PHQ-A", item_count=9,
        item_max=(3,) * 9, item_texts=None, option_labels=(_FREQUENCY,) * 9,
        bands=_PHQ_BANDS, risk_items=(9,), remission_max=4, licensed_text=True, stem=None),
}


def get_instrument(key: str) -> Instrument:
    """The instrument for a key; ValueError naming the valid keys for an unknown one."""
    try:
        return INSTRUMENTS[key]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown instrument {key!r}; expected one of {', '.join(INSTRUMENTS)}") from None


def item_errors(key: str, items) -> list[tuple[int | None, str]]:
    """Problems with a list of item scores, empty when it can be scored.

    Each entry is ``(index, message)`` with a 0-based ``index`` into ``items`` (None when the
    number of items is wrong); messages use 1-based item numbers as printed on the forms.
    """
    instrument = get_instrument(key)
    try:
        values = list(items)
    except TypeError:
        return [(None, f"{instrument.short_name} expects a list of {instrument.item_count} "
                       f"item scores, got {type(items).__name__}")]
    errors: list[tuple[int | None, str]] = []
    if len(values) != instrument.item_count:
        errors.append((None, f"{instrument.short_name} has {instrument.item_count} items, "
                             f"got {len(values)}"))
    for index, (value, high) in enumerate(zip(values, instrument.item_max)):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
            errors.append((index, f"{instrument.short_name} item {index + 1}: expected a whole "
                                  f"number from 0 to {high}, got {value!r}"))
    return errors


def severity(key: str, total: int) -> Band:
    """The severity band a total falls in; ValueError for a total outside the scale."""
    instrument = get_instrument(key)
    for band in instrument.bands:
        if total in band:
            return band
    raise ValueError(f"{instrument.short_name} total: expected a whole number from 0 to "
                     f"{instrument.max_total}, got {total!r}")


def score(key: str, items) -> Score:
    """Total, severity band and risk flag for one administration.

    Raises ``ValidationFailed`` (a ValueError) with one ``FieldError`` per problem, paths
    ``items`` / ``items[i]`` so dialogs and import can point at the offending item.
    """
    problems = item_errors(key, items)
    if problems:
        raise ValidationFailed([FieldError("items" if i is None else f"items[{i}]", message)
                                for i, message in problems])
    instrument = INSTRUMENTS[key]
    values = tuple(items)
    total = sum(values)
    flagged = tuple(n for n in instrument.risk_items if values[n - 1] > 0)
    return Score(instrument=key, total=total, band=severity(key, total), risk=bool(flagged),
                 risk_items=flagged)


def is_remission(key: str, total: int) -> bool:
    """True when ``total`` is at or below the instrument's remission threshold."""
    return total <= get_instrument(key).remission_max
