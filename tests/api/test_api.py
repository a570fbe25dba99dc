"""The open-data API: the public rules, paging, ETag/304, filters, bad input, CORS and the rate limit."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from stadtdialog.api import pagination
from stadtdialog.api.services import create_api_key, revoke_api_key
from stadtdialog.dialog.models import Contribution
from stadtdialog.plans.models import Plan
from tests.dialog.dialog_factories import ContributionFactory

pytestmark = pytest.mark.django_db


def items(response) -> list[dict]:
    assert response.status_code == 200, response.content[:300]
    return response.json()["items"]


def test_only_what_the_public_pages_show(public_data, api_get):
    titles = {plan["title"] for plan in items(api_get("/api/v1/plans"))}
    assert titles == {plan.title for plan in public_data["plans"]}
    assert "Entwurf eines Vorhabens" not in titles and "Noch geheim" not in titles

    process_ids = {p["id"] for p in items(api_get("/api/v1/processes"))}
    assert process_ids == {p.pk for p in public_data["processes"]}

    contributions = items(api_get("/api/v1/contributions", limit=200))
    texts = {c["title"] for c in contributions}
    assert not any(title.startswith("Versteckt") for title in texts)
    assert "Beitrag im Entwurf" not in texts
    assert {c["process_id"] for c in contributions} == process_ids


def test_values_are_german_keys_english(public_data, api_get):
    plan = items(api_get("/api/v1/plans"))[0]
    assert plan["status"] == "participation" and plan["status_label"] == "Beteiligung läuft"
    assert plan["district_ids"] and plan["quarter_ids"] and plan["field_of_action_ids"]
    process = items(api_get("/api/v1/processes"))[0]
    assert process["concept"]["current_version"] >= 0
    assert process["concept"]["goals"] and process["concept"]["versions"][0]["number"] == 1
    assert process["phases"][0]["kind_label"]
    contribution = next(c for c in items(api_get("/api/v1/contributions")) if c["answer"])
    assert contribution["author_name"].startswith("Pseudonym")
    assert contribution["answer"]["status_label"] == "Berücksichtigt"
    assert contribution["kind_label"] == "Idee"
    decision = items(api_get("/api/v1/decisions"))[0]
    assert decision["verdicts"][0]["outcome_label"] == "Gefolgt"
    evaluation = items(api_get("/api/v1/evaluations"))[0]
    assert evaluation["questionnaires_paper"] == 1
    answers = {a["value"]: a["count"] for a in evaluation["questions"][0]["answers"]}
    assert answers[4] == 1 and sum(answers.values()) == 1


def test_filters_like_the_web_lists(public_data, api_get):
    process = public_data["processes"][0]
    own = items(api_get("/api/v1/contributions", process=process.pk))
    assert own and {c["process_id"] for c in own} == {process.pk}
    questions = items(api_get("/api/v1/contributions", kind="question"))
    assert questions and {c["kind"] for c in questions} == {"question"}
    assert {c["answer_status"] for c in items(api_get("/api/v1/contributions", answer="none"))} == {None}
    assert items(api_get("/api/v1/plans", status="completed")) == []
    assert len(items(api_get("/api/v1/plans", status="participation"))) == 2
    assert len(items(api_get("/api/v1/plans", q="Platz 1"))) == 1
    district = public_data["plans"][0].districts.first()
    assert len(items(api_get("/api/v1/plans", district=district.pk))) == 2
    assert items(api_get("/api/v1/quarters", district=district.pk))
    assert len(items(api_get("/api/v1/events", process=process.pk))) == 1


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/v1/plans", {"limit": "0"}, 422),
        ("/api/v1/plans", {"limit": "201"}, 422),
        ("/api/v1/plans", {"limit": "zehn"}, 422),
        ("/api/v1/plans", {"district": "²"}, 422),
        ("/api/v1/plans", {"district": str(10**20)}, 422),
        ("/api/v1/plans", {"status": "erfunden"}, 422),
        ("/api/v1/plans", {"cursor": "kein-cursor"}, 400),
        ("/api/v1/plans", {"cursor": pagination.encode(-5)}, 400),
        ("/api/v1/contributions", {"kind": "<script>"}, 422),
        ("/api/v1/events", {"start_from": "2027-02-30"}, 422),
        ("/api/v1/events", {"start_from": "2027-03-01", "start_until": "2027-02-01"}, 422),
        ("/api/v1/plans/0", {}, 422),
        ("/api/v1/plans/99999999999999999999", {}, 422),
        ("/api/v1/plans/424242", {}, 404),
        ("/api/v1/plans", {"q": "a\x00b"}, 400),
    ],
)
def test_bad_input_is_a_clear_4xx_in_json(api_get, path, params, status):
    response = api_get(path, **params)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_a_draft_plan_is_not_found(public_data, api_get):
    assert api_get(f"/api/v1/plans/{public_data['draft_plan'].pk}").status_code == 404
    plan = public_data["plans"][0]
    assert api_get(f"/api/v1/plans/{plan.pk}").json()["title"] == plan.title


def test_cursor_pages_skip_nothing_and_repeat_nothing_while_new_items_arrive(public_data, api_get):
    process = public_data["processes"][0]
    for i in range(7):
        ContributionFactory(process=process, title=f"Vorher {i}")
    expected_before = set(
        Contribution.objects.filter(hidden_at__isnull=True, process__in=public_data["processes"]).values_list(
            "pk", flat=True
        )
    )
    seen, cursor, pages, added = [], None, 0, []
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = api_get("/api/v1/contributions", **params).json()
        seen.extend(item["id"] for item in body["items"])
        pages += 1
        if pages <= 3:  # new contributions arrive while the client pages
            added.append(ContributionFactory(process=process, title=f"Neu {pages}").pk)
            Contribution.objects.filter(pk=body["items"][0]["id"]).update(title="Geändert")  # an edit moves nothing
        cursor = body["next_cursor"]
        if not cursor:
            break
        assert body["next"].endswith("cursor=" + cursor)
    assert len(seen) == len(set(seen)), "an item was repeated"
    assert expected_before <= set(seen), "an item was skipped"
    assert set(added) <= set(seen), "items that arrived later come at the end"
    assert seen == sorted(seen)


def test_etag_and_last_modified_answer_304(public_data, client):
    first = client.get("/api/v1/plans")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and last_modified
    again = client.get("/api/v1/plans", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get("/api/v1/plans", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    plan = public_data["plans"][0]
    plan.title = "Neuer Titel"
    plan.save()
    changed = client.get("/api/v1/plans", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert (
        client.get("/dcat/catalog.ttl", HTTP_IF_NONE_MATCH=client.get("/dcat/catalog.ttl")["ETag"]).status_code == 304
    )


def test_cors_for_reading(client):
    response = client.get("/api/v1/districts", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/districts", HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    head = client.head("/api/v1/districts")
    assert head.status_code == 200 and head.content == b"" and head["ETag"]
    post = client.post("/api/v1/districts", {})
    assert post.status_code == 405 and post["Access-Control-Allow-Origin"] == "*"


def test_rate_limit_per_client_without_storing_the_address(db, client, settings):
    settings.API_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get("/api/v1/fields-of-action", REMOTE_ADDR="203.0.113.7").status_code == 200
    refused = client.get("/api/v1/fields-of-action", REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()["detail"]
    assert refused["Access-Control-Allow-Origin"] == "*"
    # another client is counted on its own
    assert client.get("/api/v1/fields-of-action", REMOTE_ADDR="198.51.100.1").status_code == 200
    # the counters are named by an HMAC of the address, never the address
    keys = [key for key in cache._cache if "api-rate" in key]  # the suite's memory cache
    assert keys and not any("203.0.113.7" in key or "198.51.100.1" in key for key in keys)
    # an API key has its own, higher limit; a revoked key counts as none
    api_key, key = create_api_key(name="Open Knowledge Lab", requests_per_minute=10)
    for _ in range(5):
        response = client.get("/api/v1/fields-of-action", REMOTE_ADDR="203.0.113.7", HTTP_X_API_KEY=key)
        assert response.status_code == 200 and response["RateLimit-Limit"] == "10"
    revoke_api_key(pk=api_key.pk)
    assert client.get("/api/v1/fields-of-action", HTTP_X_API_KEY=key)["RateLimit-Limit"] == "3"
    assert len(api_key.key_hash) == 64 and key not in api_key.key_hash


def test_unpublishing_takes_a_plan_out(public_data, api_get):
    plan = public_data["plans"][1]
    Plan.objects.filter(pk=plan.pk).update(published_at=None)
    assert plan.pk not in {p["id"] for p in items(api_get("/api/v1/plans"))}
    assert plan.pk not in {p["plan_id"] for p in items(api_get("/api/v1/processes"))}


def test_the_index_and_the_documentation(db, client):
    index = client.get("/api/")
    assert index.status_code == 200
    body = index.content.decode()
    for url in ("/api/v1/docs/", "/api/v1/openapi.json", "/dcat/catalog.ttl", "/dcat/catalog.jsonld"):
        assert url in body
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/api/v1/contributions" in html and "next_cursor" in html and "listPlans" in html
    assert "<script" not in html.split("<footer")[0].split("</header>")[-1]
    assert " style=" not in html
    assert "script-src 'self'" in docs["Content-Security-Policy"]
    openapi = client.get("/api/v1/openapi.json")
    assert openapi.status_code == 200 and openapi.json()["openapi"].startswith("3.1")
    assert openapi["Access-Control-Allow-Origin"] == "*"


def test_data_answers_carry_the_policy_of_data_and_pages_the_sites(db, client):
    for url in ("/api/v1/plans", "/api/v1/openapi.json", "/dcat/catalog.ttl", "/api/v1/plans?limit=0"):
        response = client.get(url)
        assert response["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'", url
    page = client.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page["Content-Security-Policy"]


def test_footer_links_the_open_data(db, client):
    assert 'href="/api/"' in client.get("/vorhaben/").content.decode()


def test_hidden_later_disappears(public_data, api_get):
    contribution = public_data["contributions"][0]
    Contribution.objects.filter(pk=contribution.pk).update(hidden_at=timezone.now())
    assert contribution.pk not in {c["id"] for c in items(api_get("/api/v1/contributions", limit=200))}
    assert contribution.pk not in {c["contribution_id"] for c in items(api_get("/api/v1/comments"))}
    assert api_get(f"/api/v1/contributions/{contribution.pk}").status_code == 404
