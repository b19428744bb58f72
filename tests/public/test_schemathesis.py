"""The live OpenAPI schema, exercised by schemathesis: no 5xx, every response as documented."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from factcheck.wsgi import application
from tests.public.conftest import World

EXAMPLES_PER_OPERATION = 25
# Conformance only: a 400 for a number out of the key range is a fine answer, not a failure.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture
def _keep_test_connection() -> Iterator[None]:
    # Called through WSGI, each request would close the connection holding the test transaction,
    # as Django's own test client prevents in the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("_keep_test_connection")
def test_every_operation_answers_as_its_schema_says(world: World, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {
        "/api/v1/claims/",
        "/api/v1/claims/{id}/",
        "/api/v1/claims/{id}/claimreview",
        "/api/v1/articles/",
        "/api/v1/sources/",
    }
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            response = case.call()
            assert response.status_code < 500, (case.path, case.query, response.text[:500])
            case.validate_response(response, checks=CHECKS)

        try:
            check()
        except Exception as error:  # name the operation: hypothesis alone does not
            pytest.fail(f"{operation.method.upper()} {operation.path}: {error}")
