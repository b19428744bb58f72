"""OpenAPI schema additions: the error answers every public operation can give, and the bounds
and formats the query filters enforce."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from drf_spectacular.contrib.django_filters import DjangoFilterExtension

_ERRORS = {
    "400": ("A filter or parameter could not be read.", {"type": "object"}),
    "404": ("Not found, or not published.", {"$ref": "#/components/schemas/Error"}),
    "429": ("Too many requests from this address.", {"$ref": "#/components/schemas/Error"}),
}
# A text parameter whose form field refuses NUL characters (every Django CharField does).
NO_NUL_PATTERN = r"^[^\u0000]*$"


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular post-processing hook documenting 400, 404 and 429 on /api/ operations."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    }
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            media_types = {"application/json"}
            for answer in responses.values():
                media_types |= set(answer.get("content", {}))
            for code, (description, schema) in _ERRORS.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {media: {"schema": schema} for media in sorted(media_types)},
                    },
                )
    return result


# drf-spectacular leaves this extension (its registration hook included) unannotated.
class PublicFilterExtension(DjangoFilterExtension):  # type: ignore[no-untyped-call]
    """django-filter's parameters, with the bounds and patterns their form fields enforce.

    django-filter's extension types a parameter from the model field; what the API refuses is
    decided by the filter's form field, so the schema reads its constraints from there.
    """

    target_class = "public.filters.PublicFilterBackend"
    priority = 1

    def resolve_filter_field(
        self,
        auto_schema: Any,
        model: Any,
        filterset_class: Any,
        field_name: str,
        filter_field: Any,
    ) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().resolve_filter_field(  # type: ignore[no-untyped-call]
            auto_schema, model, filterset_class, field_name, filter_field
        )
        form_field = filter_field.field
        for parameter in parameters:
            schema = parameter["schema"]
            # FloatField and DecimalField derive from IntegerField in Django's forms.
            if isinstance(form_field, forms.IntegerField) and not isinstance(
                form_field, forms.FloatField | forms.DecimalField
            ):
                schema.update(type="integer", format="int64")
            # drf-spectacular's own mapping of validators (min, max, length, regex) to schema.
            auto_schema._insert_field_validators(form_field, schema)
            if schema.get("type") == "string" and any(
                isinstance(v, ProhibitNullCharactersValidator) for v in form_field.validators
            ):
                schema.setdefault("pattern", NO_NUL_PATTERN)
        return parameters
