"""From the bytes on the wire to text: content encodings undone in bounded steps, then charsets.

Content encodings are undone here rather than by the HTTP client because its decoders inflate
each network chunk in full before anyone can count the result: a 2 KB body sent as
`Content-Encoding: gzip, gzip` inflates to a gigabyte inside one call. Here every decoder hands
on at most PIECE bytes at a time, however the encodings are stacked or repeated, so the size
limit trips after PIECE bytes past it, and memory stays at a few pieces per encoding.
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Iterable, Iterator

from fetching.errors import UnsupportedContentError

PIECE = 64 * 1024
# What we ask servers for; a server may still send what we did not ask, and is read if we can.
ACCEPT_ENCODING = "gzip, deflate"
_GZIP = {"gzip", "x-gzip"}
_NO_ENCODING = {"", "identity"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# An XML document's own declaration of its encoding (XML 1.0, 4.3.3), read in ASCII bytes.
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WIDE = {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}


def content_encodings(values: Iterable[str]) -> list[str]:
    """The encodings in the order the server applied them, from every Content-Encoding header."""
    found = []
    for value in values:
        for token in value.split(","):
            name = token.strip().lower()
            if name not in _NO_ENCODING:
                found.append(name)
    return found


def check_supported(encodings: list[str]) -> None:
    for name in encodings:
        if name not in _GZIP and name != "deflate":
            raise UnsupportedContentError(
                f"the body is sent with content encoding {name!r}, which the fetcher cannot"
                " decode (it reads gzip and deflate)"
            )


def _drained(decoder: zlib._Decompress, data: bytes) -> Iterator[bytes]:
    """Everything `decoder` makes of `data`, PIECE bytes at most per step."""
    while True:
        out = decoder.decompress(data, PIECE)
        data = decoder.unconsumed_tail
        if out:
            yield out
        if decoder.eof or (not data and len(out) < PIECE):
            return


def _inflate(chunks: Iterator[bytes], name: str) -> Iterator[bytes]:
    gzip = name in _GZIP
    decoder: zlib._Decompress | None = None
    members = 0
    pending = b""
    for chunk in chunks:
        data = pending + chunk
        pending = b""
        while data:
            if decoder is None:
                if members and not gzip:
                    return  # whatever follows a zlib or raw deflate stream is ignored
                if members and len(data) < 2:
                    pending = data  # the next member's magic may be split across chunks
                    break
                if members and data[:2] != b"\x1f\x8b":
                    return  # trailing bytes after the last gzip member, ignored as browsers do
                wbits = 31 if gzip else _deflate_wbits(data)
                decoder = zlib.decompressobj(wbits)
            try:
                yield from _drained(decoder, data)
            except zlib.error as exc:
                raise UnsupportedContentError(f"the body is not valid {name} data: {exc}") from None
            data = b""
            if decoder.eof:  # gzip allows several members one after the other
                data = decoder.unused_data
                decoder = None
                members += 1
    if decoder is not None:  # a stream cut short: keep what it held, as browsers do
        tail = decoder.flush()
        if tail:
            yield tail


def _deflate_wbits(head: bytes) -> int:
    # "deflate" means zlib-wrapped data, but some servers send a raw deflate stream.
    return (
        15
        if len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] * 256 + head[1]) % 31 == 0
        else -15
    )


def decoded(chunks: Iterable[bytes], encodings: list[str]) -> Iterator[bytes]:
    """The body with its content encodings undone, last applied first, in bounded pieces."""
    check_supported(encodings)
    stream: Iterator[bytes] = iter(chunks)
    for name in reversed(encodings):
        stream = _inflate(stream, name)
    return stream


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _header_charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return _codec(value)
    return None


def _meta_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head[:4096])
    codec = _codec(match.group(1).decode("ascii")) if match else None
    # A page could not state its charset in ASCII bytes if it really were UTF-16 or UTF-32, so
    # such a declaration is wrong by construction (the HTML standard reads it as UTF-8).
    return "utf-8" if codec in _WIDE else codec


def _xml_charset(head: bytes) -> str | None:
    match = _XML_ENCODING.match(head[:1024])
    codec = _codec(match.group(1).decode("ascii")) if match else None
    return "utf-8" if codec in _WIDE else codec  # written in ASCII bytes: not really UTF-16


def _plausible(codec: str, body: bytes) -> bool:
    # UTF-16 and UTF-32 text always holds zero bytes; a declaration of either for a body without
    # one is a mistake (decoding would turn every pair of letters into one CJK character).
    return codec not in _WIDE or b"\x00" in body[:4096]


def text_of(body: bytes, content_type: str) -> str:
    """The body as text: a byte-order mark first, then the declared charset (header, then an
    XML declaration, then <meta>) when it fits the bytes, then UTF-8, then charset detection."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(codec, errors="replace")
    head = body[:4096]
    for declared in (_header_charset(content_type), _xml_charset(head), _meta_charset(head)):
        if declared and _plausible(declared, body):
            try:
                return body.decode(declared)
            except UnicodeDecodeError:
                pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(body).best()
        return str(best) if best is not None else body.decode("utf-8", errors="replace")
