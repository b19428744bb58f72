"""One codec for `Claim.normalized`: the stored shape of a claim's amounts and dates.

A pure library: no Django, no I/O, so the extraction, matching and verification libraries share
it with the services and the faces. `encode` writes the JSON stored today; `decode` reads whatever
a row holds (old, hand-edited or malformed) without raising, dropping what it cannot read.
"""

from __future__ import annotations

from claims.normalized_codec.codec import (
    MAX_ITEMS,
    clean,
    decode,
    decode_date,
    decode_quantity,
    encode,
    encode_date,
    encode_quantity,
    from_extraction,
    stored_date,
    stored_quantity,
)
from claims.normalized_codec.model import NormalizedValues, StoredDate, StoredQuantity

__all__ = [
    "MAX_ITEMS",
    "NormalizedValues",
    "StoredDate",
    "StoredQuantity",
    "clean",
    "decode",
    "decode_date",
    "decode_quantity",
    "encode",
    "encode_date",
    "encode_quantity",
    "from_extraction",
    "stored_date",
    "stored_quantity",
]
