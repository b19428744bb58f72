"""Forms for importing articles in the admin."""

from __future__ import annotations

from typing import Any

from django import forms

from fetching import MAX_URL_LENGTH


class ArticleImportForm(forms.Form):
    """Paste text, upload a file, or give a URL: exactly one of them."""

    text = forms.CharField(
        label="Article text or HTML",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        strip=False,
    )
    upload = forms.FileField(label="…or upload a file (.txt or .html)", required=False)
    url = forms.URLField(
        label="…or fetch from a URL",
        required=False,
        assume_scheme="https",
        max_length=MAX_URL_LENGTH,
        help_text="A worker fetches the page in the background, then extracts its claims.",
    )
    title = forms.CharField(max_length=500, required=False, help_text="Blank: the first line.")
    outlet = forms.CharField(max_length=200, required=False)
    author = forms.CharField(max_length=300, required=False)
    published_on = forms.DateField(
        required=False,
        help_text="YYYY-MM-DD. Relative dates in the text ('last year') resolve against it.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [name for name in ("text", "upload", "url") if data.get(name)]
        if len(given) != 1:
            raise forms.ValidationError(
                "Give exactly one of: pasted text, an uploaded file, a URL."
            )
        return data
