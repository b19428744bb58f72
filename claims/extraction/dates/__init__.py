"""Find dates in a sentence and normalize them to ISO 8601 values.

Points are ISO prefixes ("1989", "1989-02", "1989-02-15"); stretches of time are intervals at the
precision the text gives ("the 1970s" is "1970/1979", "last week" the Monday to Sunday before
the published date). Relative dates resolve against the article's published date ("last
month") or against the time the article last named ("three years later", "the day before").

Hand-written rather than built on dateparser or its kin: those parse one string that is known
to be a date, are loose on running text ("may", "march", "fall" as words), know nothing of
the conventions a fact-checker needs (weeks, weekends, seasons, split years, the year a
"year earlier" counts from) and cost milliseconds a sentence where this costs microseconds.
"""

from __future__ import annotations

from claims.extraction.dates.context import DateContext
from claims.extraction.dates.finder import DATE_GATE, find_dates

__all__ = ["DATE_GATE", "DateContext", "find_dates"]
