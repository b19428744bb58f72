"""Source pages written for the tests: one supports, one contradicts, one is off topic."""

from __future__ import annotations

CLAIM_SENTENCE = (
    "Bilateral trade between Pakistan and Russia reached nearly $800 million last year, "
    "the ministry said."
)


def page(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | Data | About</nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Contact us</footer></body></html>"
    )


SUPPORTING = page(
    "Trade statistics 2020",
    "The bureau publishes yearly figures on trade with partner countries.",
    "Bilateral trade between Pakistan and Russia amounted to $790 million in 2020, "
    "according to the bureau's annual report.",
    "Exports of textiles made up the largest share of the total.",
)
CONTRADICTING = page(
    "Trade figures revised",
    "The bureau revised its figures for the year after an audit of customs records.",
    "Bilateral trade between Pakistan and Russia amounted to $450 million in 2020, "
    "far below earlier estimates.",
    "Officials said the revision reflected double-counted shipments.",
)
UNRELATED = page(
    "Cricket season opens",
    "The national cricket season opened on Saturday with a sold-out match in Lahore.",
    "Fans queued for hours to see the home team win by six wickets.",
)
