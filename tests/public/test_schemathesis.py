"""The live OpenAPI schema, exercised by schemathesis with every check it ships.

Each operation gets schemathesis's examples, coverage and fuzzing phases, with data the schema
allows and data it forbids: no 5xx, every answer as documented (status, content type, headers,
body), what the schema allows accepted, what it forbids refused, and no method it does not list
served. The stateful checks (a resource gone after DELETE, found after POST) have nothing to
find on a read-only API, and no operation declares authentication, so those pass vacuously.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import CHECKS, load_all_checks

from factcheck.wsgi import application
from tests.public.conftest import World

SCHEMA_URL = "/api/v1/schema/?format=json"
EXAMPLES_PER_OPERATION = 100
# Every check schemathesis ships (it registers most of them on first use), whatever a
# configuration file would turn off.
load_all_checks()
ALL_CHECKS = CHECKS.get_all()

# Read once, when the tests are collected; each operation becomes a test of its own.
api = schemathesis.openapi.from_wsgi(SCHEMA_URL, application)


@pytest.fixture
def _keep_test_connection() -> Iterator[None]:
    # Called through WSGI, each request would close the connection holding the test transaction,
    # as Django's own test client prevents in the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_schema_lists_every_public_operation() -> None:
    paths = {result.ok().path for result in api.get_all_operations()}
    assert paths >= {
        "/api/v1/claims/",
        "/api/v1/claims/{id}/",
        "/api/v1/claims/{id}/claimreview",
        "/api/v1/claims/match",
        "/api/v1/articles/",
        "/api/v1/articles/{id}/",
        "/api/v1/sources/",
        "/api/v1/sources/{id}/",
    }


def test_schemathesis_knows_the_checks_this_test_relies_on() -> None:
    names = {check.__name__ for check in ALL_CHECKS}
    assert names >= {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
        "positive_data_acceptance",
        "missing_required_header",
        "unsupported_method",
        "use_after_free",
        "ensure_resource_availability",
        "ignored_auth",
    }


@api.parametrize()
@pytest.mark.usefixtures("_keep_test_connection")
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_its_schema_says(
    case: schemathesis.Case, world: World, settings: Any
) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    case.call_and_validate(checks=ALL_CHECKS)
