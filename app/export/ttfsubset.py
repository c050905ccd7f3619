"""A TrueType subset for a PDF, cut from the font's bytes without
decompiling it.

A CIDFontType2 in a PDF needs only the outlines and metrics: ``glyf``,
``loca``, ``head``, ``hhea``, ``hmtx`` and ``maxp`` (the text is placed by
glyph id, widths are in the PDF, and hinting is not used).  fontTools'
subsetter decompiles every glyph of every table it keeps, which on the
large CJK and emoji fonts took most of the time a map in many scripts
spends exporting; here the glyphs used (and the parts of composite
glyphs) are copied as they are, renumbered in order, and the few header
fields that change are patched.  No Qt.
"""

from __future__ import annotations

import struct

from fontTools import ttLib

#: Flags of a composite glyph's component (OpenType 'glyf').
_WORDS, _SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x0001, 0x0008, 0x0020, 0x0040, 0x0080


def subset_ttf(path: str, index: int, gids: set[int]) -> tuple[bytes, dict[int, int], dict]:
    """The font at ``path`` (face ``index`` of a collection) cut down to
    ``gids`` (and glyph 0, .notdef); old glyph id -> new; the font's
    PostScript name, bounding box, ascent and descent (1/1000 em)."""
    font = ttLib.TTFont(path, fontNumber=index, lazy=True)
    raw = {tag: font.reader[tag] for tag in ("head", "hhea", "maxp", "hmtx", "loca", "glyf")}
    head, hhea = raw["head"], raw["hhea"]
    n = struct.unpack(">H", raw["maxp"][4:6])[0]
    long_loca = struct.unpack(">h", head[50:52])[0] == 1
    loca = (struct.unpack(f">{n + 1}L", raw["loca"][:4 * (n + 1)]) if long_loca
            else tuple(2 * v for v in struct.unpack(f">{n + 1}H", raw["loca"][:2 * (n + 1)])))
    glyf = raw["glyf"]
    keep = _closure({g for g in gids if 0 <= g < n} | {0}, loca, glyf)
    order = sorted(keep)
    new = {g: i for i, g in enumerate(order)}
    data, offsets = bytearray(), []
    for g in order:
        offsets.append(len(data))
        data += _renumbered(glyf[loca[g]:loca[g + 1]], new)
        data += b"\0" * (-len(data) % 4)
    offsets.append(len(data))
    metrics = _metrics(raw["hmtx"], struct.unpack(">H", hhea[34:36])[0], n)
    upem = struct.unpack(">H", head[18:20])[0]
    tables = {
        "head": head[:8] + b"\0\0\0\0" + head[12:50] + b"\0\1" + head[52:],
        "hhea": hhea[:34] + struct.pack(">H", len(order)) + hhea[36:],
        "maxp": raw["maxp"][:4] + struct.pack(">H", len(order)) + raw["maxp"][6:],
        "hmtx": b"".join(metrics[g] for g in order),
        "loca": struct.pack(f">{len(offsets)}L", *offsets),
        "glyf": bytes(data),
    }
    scale = 1000.0 / upem
    x0, y0, x1, y1 = struct.unpack(">4h", head[36:44])
    ascent, descent = struct.unpack(">2h", hhea[4:8])
    try:
        psname = font["name"].getDebugName(6) or ""
    except Exception:  # noqa: BLE001 - a broken name table only costs the font its name
        psname = ""
    info = {"psname": psname, "bbox": [round(v * scale) for v in (x0, y0, x1, y1)],
            "ascent": round(ascent * scale), "descent": round(descent * scale)}
    return _sfnt(tables), {g: new[g] for g in gids if g in new}, info


def _closure(gids: set[int], loca: tuple[int, ...], glyf: bytes) -> set[int]:
    """``gids`` and every glyph their composite glyphs are made of."""
    todo, seen = list(gids), set(gids)
    while todo:
        g = todo.pop()
        for _, comp in _components(glyf[loca[g]:loca[g + 1]]):
            if comp not in seen and comp < len(loca) - 1:
                seen.add(comp)
                todo.append(comp)
    return seen


def _components(glyph: bytes) -> list[tuple[int, int]]:
    """(offset of its glyph index, glyph index) of each component of a
    composite glyph (none for a simple or empty one)."""
    if len(glyph) < 10 or struct.unpack(">h", glyph[:2])[0] >= 0:
        return []
    out, pos = [], 10
    while pos + 4 <= len(glyph):
        flags, comp = struct.unpack(">HH", glyph[pos:pos + 4])
        out.append((pos + 2, comp))
        pos += 4 + (4 if flags & _WORDS else 2)
        pos += 2 if flags & _SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
        if not flags & _MORE:
            break
    return out


def _renumbered(glyph: bytes, new: dict[int, int]) -> bytes:
    """A glyph with its components' glyph indices renumbered."""
    comps = _components(glyph)
    if not comps:
        return glyph
    out = bytearray(glyph)
    for pos, comp in comps:
        out[pos:pos + 2] = struct.pack(">H", new.get(comp, 0))
    return bytes(out)


def _metrics(hmtx: bytes, long_count: int, n: int) -> list[bytes]:
    """Each glyph's (advance, left side bearing), four bytes each."""
    out = [hmtx[4 * i:4 * i + 4] for i in range(long_count)]
    last = out[-1][:2] if out else b"\0\0"
    base = 4 * long_count
    out += [last + hmtx[base + 2 * i:base + 2 * i + 2] for i in range(n - long_count)]
    return out


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}L", data)) & 0xFFFFFFFF


def _sfnt(tables: dict[str, bytes]) -> bytes:
    """A TrueType file of ``tables`` (its head's checksum adjustment set)."""
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">LHHHH", 0x00010000, count, power * 16, power.bit_length() - 1,
                         count * 16 - power * 16)
    offset = 12 + 16 * count
    records, body = [], bytearray()
    for tag in tags:
        data = tables[tag]
        records.append(struct.pack(">4sLLL", tag.encode("latin-1"), _checksum(data),
                                   offset + len(body), len(data)))
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(header + b"".join(records) + body)
    adjust = (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF
    at = offset + _table_offset(tags, tables, "head") + 8
    font[at:at + 4] = struct.pack(">L", adjust)
    return bytes(font)


def _table_offset(tags: list[str], tables: dict[str, bytes], tag: str) -> int:
    """Where ``tag``'s data starts after the table directory."""
    pos = 0
    for t in tags:
        if t == tag:
            return pos
        pos += len(tables[t]) + (-len(tables[t]) % 4)
    raise KeyError(tag)
