"""Trim ICU's data library for the Linux bundle to what Qt Core reads.

libicudata.so is nothing but ICU's data package, one symbol icudtNN_dat (32 MB
for ICU 73). The ICU functions Qt Core calls are the whole list of what the bundle needs from it
(`readelf --dyn-syms libQt6Core.so.6 | grep UND`: nothing else in the bundle links ICU):
collation (ucol_*: the coll tree), legacy text codecs (ucnv_*: the .cnv tables), locale-aware
upper/lower case (built into libicuuc), and time zones with their localised names (ucal_*: the
zone tree, zoneinfo64, metaZones and the main locale tree for digits and calendars). Nobody calls
break iteration (brkitr: the CJK/Thai/Khmer dictionaries alone are 3.4 MB), transliteration,
spelled-out numbers (rbnf) or the display names of languages, regions, currencies and units, so
those trees are left out of the package and a data-only library with the same soname and symbol
is assembled from the rest: what ICU's own data build tool does with a filter file, done here on
the shipped package so that the data is exactly the wheel's. Compared with the full data through
Qt (QCollator in 300 locales, ~108k QTimeZone names in 14 locales, all 233 codecs, locale-aware
case mapping): identical results, see docs/packaging.md. Needs a C compiler driver (`cc`) to
assemble the library; without one the full data ships and the build log says so.

Used by ipt_desktop.spec at build time; tests/packaging/test_icu_data.py checks the package
rewriting on the real libicudata of the installed PySide6 wheel.
"""

from __future__ import annotations

import logging
import re
import struct
import subprocess
from pathlib import Path

log = logging.getLogger("PyInstaller")

ICU_UNUSED_TREES = ("brkitr", "translit", "rbnf", "lang", "region", "curr", "unit")


def icu_data_symbol(elf: bytes) -> tuple[str, int, int]:
    """Name, file offset and size of the icudtNN_dat symbol of an ELF64 little-endian library."""
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    sections = [struct.unpack_from("<IIQQQQI", elf, shoff + i * shentsize) for i in range(shnum)]
    for _name, sh_type, _flags, _addr, offset, size, link in sections:
        if sh_type != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][4]
        for pos in range(offset, offset + size, 24):
            st_name, _info, _other, shndx, value, sym_size = struct.unpack_from("<IBBHQQ", elf, pos)
            name = elf[strtab + st_name:elf.index(b"\0", strtab + st_name)].decode()
            if shndx and re.fullmatch(r"icudt\d+_dat", name):
                section = sections[shndx]
                return name, section[4] + value - section[3], sym_size
    raise ValueError("no icudtNN_dat symbol")


def filter_icu_package(package: bytes, drop_trees) -> bytes:
    """An ICU common data package ('CmnD' offset TOC: sorted names, 16-byte aligned items) without
    the items of the given trees. Items are copied byte for byte; with no trees dropped the output
    is identical to the input."""
    header_size, = struct.unpack_from("<H", package, 0)
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = header_size
    count, = struct.unpack_from("<I", package, toc)
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        name = package[toc + name_offset:package.index(b"\0", toc + name_offset)]
        end = entries[i + 1][1] if i + 1 < count else len(package) - toc
        parts = name.decode("ascii").split("/")  # icudt73l/coll/de.res, icudt73l/zoneinfo64.res
        if len(parts) > 2 and parts[1] in drop_trees:
            continue
        items.append((name, package[toc + data_offset:toc + end]))
    names = b"".join(name + b"\0" for name, _ in items)
    data_start = 4 + 8 * len(items) + len(names)
    data_start += -(header_size + data_start) % 16
    index, data, name_pos = [], bytearray(), 4 + 8 * len(items)
    for name, body in items:
        index.append(struct.pack("<II", name_pos, data_start + len(data)))
        name_pos += len(name) + 1
        data += body + b"\xaa" * (-len(body) % 16)  # ICU pads with 0xaa
    head = struct.pack("<I", len(items)) + b"".join(index) + names
    return package[:header_size] + head + b"\xaa" * (data_start - len(head)) + bytes(data)


def filtered_icu_data_library(src: Path, workdir: Path) -> Path:
    """Assemble, in workdir, a data-only library with src's soname and data symbol holding the
    filtered package (needs a C compiler driver, ``cc``)."""
    elf = src.read_bytes()
    symbol, offset, size = icu_data_symbol(elf)
    package = filter_icu_package(elf[offset:offset + size], ICU_UNUSED_TREES)
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "icudata.dat").write_bytes(package)
    (workdir / "icudata.S").write_text(
        f"\t.section .rodata\n\t.balign 16\n\t.globl {symbol}\n\t.type {symbol}, @object\n"
        f'{symbol}:\n\t.incbin "icudata.dat"\n\t.size {symbol}, . - {symbol}\n'
        '\t.section .note.GNU-stack,"",@progbits\n')
    out = workdir / src.name
    subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{src.name}", "-o", out.name, "icudata.S"],
                   cwd=workdir, check=True)
    log.info("ICU data filtered: %s, %.1f MB -> %.1f MB", src.name, size / 1e6, len(package) / 1e6)
    return out
