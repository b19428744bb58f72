"""OpenAPI schema additions: the error answers every public operation can give."""

from __future__ import annotations

from typing import Any

_ERRORS = {
    "400": ("A filter or parameter could not be read.", {"type": "object"}),
    "404": ("Not found, or not published.", {"$ref": "#/components/schemas/Error"}),
    "429": ("Too many requests from this address.", {"$ref": "#/components/schemas/Error"}),
}


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
