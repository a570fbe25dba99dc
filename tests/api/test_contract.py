"""Contract tests: schemathesis sends generated requests (valid and invalid parameters) to every operation of the
OpenAPI document through the WSGI application and checks every answer: no 5xx, status codes, content types and
bodies as the document describes them. The data is seeded once for the module.

SCHEMATHESIS_MAX_EXAMPLES sets the examples per operation (the CI step runs more than the suite, see .ci/run); the
number of requests sent is printed at the end of the module."""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV31SpecValidator
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from stadtdialog.api.endpoints import api

from .conftest import seed_public_data

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8"))
SENT = {"requests": 0}


class CountingApp:
    """Django's WSGI application with the connection kept open between requests (the test's transaction holds
    the seeded data), counting the requests."""

    def __init__(self):
        self.handler = WSGIHandler()

    def __call__(self, environ, start_response):
        SENT["requests"] += 1
        return self.handler(environ, start_response)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            seed_public_data(2)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
            print(f"\nschemathesis: {SENT['requests']} requests")


def _check(operation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case):
        # every check but "a schema-valid request is accepted": a cursor the API did not hand out is schema-valid
        # text, and the API rightly answers 400 (documented) for it
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    run()


def test_every_operation_keeps_its_contract(seeded, db, settings):
    """Every operation, with valid and with invalid generated parameters: no 5xx, no answer outside the document."""
    settings.API_RATE_LIMIT = 0
    api_schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", CountingApp())
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == len(api.get_openapi_schema()["paths"])
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _check(operation, mode)


def test_the_document_is_valid_openapi_3_1(db, client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    validate(document, cls=OpenAPIV31SpecValidator)
