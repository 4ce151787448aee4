"""The bundle's trimmed ICU data (build/icu_data.py), checked on the real libicudata of the
installed PySide6 wheel and read back with ICU's own package tool (icupkg): only the dropped
trees are gone, and every item kept is byte for byte the wheel's."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT / "build"))

from icu_data import ICU_UNUSED_TREES, filter_icu_package, icu_data_symbol  # noqa: E402

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the ICU trim is Linux-only")


@pytest.fixture(scope="module")
def package() -> tuple[str, bytes]:
    import PySide6

    libs = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not libs:
        pytest.skip("this PySide6 wheel ships no ICU")
    elf = libs[0].read_bytes()
    symbol, offset, size = icu_data_symbol(elf)
    return symbol, elf[offset:offset + size]


def _items(tool: str, folder: Path) -> list[str]:
    listing = subprocess.run([tool, "-l", str(folder / next(folder.glob("*.dat")).name)],
                             capture_output=True, text=True, check=True)
    return listing.stdout.split()


def test_dropping_nothing_gives_the_package_back_unchanged(package):
    _, data = package
    assert filter_icu_package(data, ()) == data


def test_only_the_unused_trees_are_dropped_and_kept_items_are_identical(package, tmp_path):
    tool = shutil.which("icupkg")
    if tool is None:
        pytest.skip("icupkg (Debian: icu-devtools) is needed to read the packages back")
    symbol, data = package
    name = symbol.removesuffix("_dat") + "l.dat"  # icupkg wants the file named after its items
    full, trimmed = tmp_path / "full", tmp_path / "trimmed"
    full.mkdir()
    trimmed.mkdir()
    (full / name).write_bytes(data)
    (trimmed / name).write_bytes(filter_icu_package(data, ICU_UNUSED_TREES))

    before, after = _items(tool, full), _items(tool, trimmed)
    expected = [item for item in before if item.split("/")[0] not in ICU_UNUSED_TREES]
    assert after == expected
    assert len(after) < len(before) and any(item.startswith("coll/") for item in after)
    for item in ("coll/de.res", "zoneinfo64.res", "metaZones.res", "root.res"):
        assert item in after
        for folder in (full, trimmed):
            (folder / "out" / item).parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([tool, "-x", item, "-d", str(folder / "out"), str(folder / name)], check=True,
                           capture_output=True)
        assert (trimmed / "out" / item).read_bytes() == (full / "out" / item).read_bytes()
