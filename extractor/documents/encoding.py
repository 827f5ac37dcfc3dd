"""Decode file bytes without assuming an encoding.

Order: BOM (UTF-8, UTF-16/32 LE/BE) → UTF-16 by the parity of its NUL bytes → strict UTF-8 → charset-normalizer restricted to the
encodings Chinese and English news actually come in (GB18030 covers GBK/GB2312) → error.
"""

from __future__ import annotations

import codecs

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be", "shift_jis", "euc_kr", "cp1252", "latin_1"]


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def looks_binary(data: bytes) -> str | None:
    """A reason when ``data`` is clearly not text (image signature, NUL bytes), else None."""
    sigs = {b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
            b"%PDF": "PDF document", b"PK\x03\x04": "ZIP archive", b"\x1f\x8b": "gzip archive",
            b"\x7fELF": "executable"}
    for sig, what in sigs.items():
        if data.startswith(sig):
            return f"binary file ({what})"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    head = data[:8192]
    if b"\x00" in head and not _utf16_shaped(head):
        return "binary file (NUL bytes)"
    return None


def _utf16_shaped(head: bytes) -> bool:
    """UTF-16 without BOM: NULs sit on one parity only (ASCII/CJK mixed text)."""
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    return (even == 0) != (odd == 0) and max(even, odd) > len(head) // 8


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name). Raises :class:`DecodeError`."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(name.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise DecodeError(f"undecodable {name} text after BOM ({exc.reason})") from None
            return text, name.replace("-le", "").replace("-be", "") if name.startswith("utf-32") else name
    # before UTF-8: BOM-less UTF-16 of ASCII text is also valid UTF-8 (full of NUL characters)
    if b"\x00" in data[:8192] and _utf16_shaped(data[:8192]):
        enc = "utf-16-le" if data[1::2][:4096].count(0) > data[0::2][:4096].count(0) else "utf-16-be"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATES, threshold=0.3).best()
    if best is None:
        raise DecodeError("undecodable bytes (not UTF-8, GB18030, Big5 or UTF-16)")
    text = str(best)
    if text.count("\ufffd") > max(2, len(text) // 1000):
        raise DecodeError(f"undecodable bytes (best guess {best.encoding} has replacement characters)")
    return text, best.encoding.replace("_", "-")
