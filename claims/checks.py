"""Whether the install says who publishes its fact-checks: a system check and the desk's notice.

Every ClaimReview and the feed name the publishing organisation. A fresh install has only a
placeholder; publishing under it tells readers and search engines nothing true, so `manage.py
check` (run by `migrate` and `make run`) warns, and the desk's front page says the same.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register

# factcheck/settings.py's default when FACTCHECK_PUBLISHER_NAME is not set.
PLACEHOLDER_PUBLISHER = "factcheck"


def publisher_problems() -> list[str]:
    """What is missing of the publisher's identity, in words (empty when both are set)."""
    problems = []
    name = settings.FACTCHECK_PUBLISHER_NAME.strip()
    if not name or name == PLACEHOLDER_PUBLISHER:
        problems.append(
            "FACTCHECK_PUBLISHER_NAME is not set: fact-checks are published under the "
            f"placeholder name {PLACEHOLDER_PUBLISHER!r}"
        )
    if not settings.FACTCHECK_PUBLISHER_URL.strip():
        problems.append(
            "FACTCHECK_PUBLISHER_URL is not set: the ClaimReview names no address for the publisher"
        )
    return problems


@register("factcheck")
def publisher_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return [
        Warning(
            problem,
            hint="Set it in the environment (see .env.example) to your organisation's.",
            id=f"claims.W00{number}",
        )
        for number, problem in enumerate(publisher_problems(), 1)
    ]
