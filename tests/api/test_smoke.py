import pytest

pytestmark = pytest.mark.django_db


def test_lists(public_data, api_get):
    for name in [
        "plans",
        "processes",
        "contributions",
        "comments",
        "responses",
        "reports",
        "events",
        "results",
        "decisions",
        "milestones",
        "evaluations",
        "sortitions",
        "districts",
        "quarters",
        "fields-of-action",
        "org-units",
    ]:
        r = api_get(f"/api/v1/{name}")
        assert r.status_code == 200, (name, r.content[:500])
        print(name, len(r.json()["items"]))
