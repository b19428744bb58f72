"""Notices at the top of the desk's front page: what the install still lacks before publishing."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from claims.checks import publisher_problems

register = template.Library()


@register.simple_tag
def publisher_notice() -> SafeString:
    """A warning box naming the unset publisher settings, or nothing when both are set."""
    problems = publisher_problems()
    if not problems:
        return SafeString("")
    items = format_html_join("", "<li>{}.</li>", ((problem,) for problem in problems))
    return format_html(
        '<ul class="messagelist" id="publisher-notice"><li class="warning">Before publishing: '
        "<ul>{}</ul>Ask whoever runs this install to set them (see .env.example).</li></ul>",
        items,
    )
