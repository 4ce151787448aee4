"""The toolbar's line icons: tinted to the palette, sharp at 1x and 2x, and a faded but identical
drawing for disabled actions. Rendered for real offscreen and read back pixel by pixel."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage

from ipt_desktop.ui import icons


@pytest.fixture(autouse=True)
def fresh_cache(qapp):
    icons.clear_cache()
    yield
    icons.clear_cache()


def _image(icon: QIcon, mode: QIcon.Mode, size: int = 24, dpr: float = 1.0) -> QImage:
    pixmap = icon.pixmap(QSize(size, size), dpr, mode)
    return pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)


def _alphas(image: QImage) -> list[int]:
    return [image.pixelColor(x, y).alpha() for y in range(image.height()) for x in range(image.width())]


@pytest.mark.parametrize("name", icons.NAMES)
def test_every_icon_is_drawn_for_both_modes_and_scales(name):
    icon = icons.icon(name)
    assert not icon.isNull()
    for dpr in (1.0, 2.0):
        normal = _image(icon, QIcon.Mode.Normal, 24, dpr)
        assert normal.width() == int(24 * dpr)  # rendered for that scale, not stretched
        assert max(_alphas(normal)) == 255  # something is drawn, fully opaque somewhere


@pytest.mark.parametrize("name", ["search", "risk-flag"])
def test_disabled_is_the_same_drawing_faded(name):
    icon = icons.icon(name)
    normal = _alphas(_image(icon, QIcon.Mode.Normal))
    disabled = _alphas(_image(icon, QIcon.Mode.Disabled))
    assert max(disabled) > 0
    for n, d in zip(normal, disabled):  # the same shape, each pixel at 45 %
        assert abs(d - n * icons.DISABLED_OPACITY) <= 2


def test_icons_take_the_tint_asked_for():
    image = _image(icons.icon("search", colour="#1a7f37"), QIcon.Mode.Normal)
    solid = [image.pixelColor(x, y) for y in range(image.height()) for x in range(image.width())
             if image.pixelColor(x, y).alpha() == 255]
    assert solid and all(c.name() == "#1a7f37" for c in solid)


def test_the_red_risk_flag_keeps_its_colour_whatever_the_tint():
    image = _image(icons.icon("risk-flag", colour="#ffffff"), QIcon.Mode.Normal)
    colours = {image.pixelColor(x, y).name() for y in range(image.height()) for x in range(image.width())
               if image.pixelColor(x, y).alpha() == 255}
    assert any(QColor(c).red() > 150 and QColor(c).green() < 100 for c in colours)


def test_icons_are_cached_per_tint_until_the_scheme_changes():
    first = icons.icon("lock")
    assert icons.icon("lock") is first
    assert icons.icon("lock", colour="#ffffff") is not first
    icons.clear_cache()
    assert icons.icon("lock") is not first


def test_a_missing_icon_file_gives_an_empty_icon_and_a_log_line(caplog):
    with caplog.at_level(logging.WARNING, logger="ipt_desktop.ui.icons"):
        assert icons.icon("no-such-icon").isNull()
    assert any("no-such-icon" in r.getMessage() for r in caplog.records)
