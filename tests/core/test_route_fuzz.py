"""Every URL pattern with bad input: no response is a 5xx (issue 11, item 3).

The routes come from the URL resolver, so a new page is fuzzed as soon as it exists. Each route's path is filled
with valid ids (of the objects the world of tests/accounts/test_role_access.py makes), foreign ids (of other
objects), and absurd ones (0, 10**20, very long; "²" and long text for string parameters). Every query parameter
a view reads (found in its source: request.GET names and the fields of the forms it binds to request.GET, see
query_names) gets bad values: non-digits, Unicode digits, huge and negative numbers, very long strings, a NUL,
repeated parameters. The views that read POST fields by hand get the same values by POST. Each request is made
as anonymous, as a resident and as an admin.
"""

import contextlib
import inspect
import re
import uuid

import pytest
from django import forms
from django.urls import URLPattern, URLResolver, get_resolver

from tests.accounts.test_role_access import url_kwargs
from tests.accounts.test_role_access import world as role_world  # noqa: F401 (a fixture)
from tests.factories import OrgUnitFactory, PlanFactory, published_process

pytestmark = pytest.mark.django_db

BAD_VALUES = [
    "abc",
    "²",  # str.isdigit() says yes, int() fails
    "-1",
    str(10**20),
    "x" * 3000,
    "\x00",  # PostgreSQL refuses it in text
]
ABSURD_INTS = [0, 10**20]
ABSURD_TEXTS = ["²", "x" * 300]
LONE_SURROGATE = "%ED%A0%80"  # U+D800 as UTF-8 bytes: the only way a lone surrogate comes over HTTP
# Routes to leave out, with why.
SKIP = {
    "django-admin/(?P<url>.*)$",  # Django's admin catch-all (a redirect or 404); its pages are Django's own
}


def all_routes(patterns=None, prefix="", namespace=""):
    """(name, route, pattern) of every URL pattern, named or not."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += all_routes(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            found.append((namespace + (entry.name or ""), route, entry))
    return found


ROUTE_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
REGEX_PARAM = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def params_of(route: str) -> dict[str, str]:
    """{name: converter} of a route ("int", "str", "slug", "path", "uuid"; "regex" for regular expressions)."""
    found = {name: converter or "str" for converter, name in ROUTE_PARAM.findall(route)}
    found.update(dict.fromkeys(REGEX_PARAM.findall(route), "regex"))
    return found


def build(route: str, values: dict) -> str:
    url = ROUTE_PARAM.sub(lambda m: str(values[m.group(2)]), route)
    url = REGEX_PARAM.sub(lambda m: str(values[m.group(1)]), url)
    return "/" + url.replace("^", "").replace("$", "")


def view_source(pattern: URLPattern) -> str:
    """The source of a route's view and of the functions of its module it calls by name (one level)."""
    callback = pattern.callback
    target = getattr(callback, "view_class", None) or inspect.unwrap(callback)
    if not (inspect.isfunction(target) or inspect.isclass(target)):
        target = type(target)  # e.g. a Feed instance
    try:
        source = inspect.getsource(target)
    except (OSError, TypeError):
        return ""
    module = inspect.getmodule(target)
    for name in set(re.findall(r"\b(_?\w+)\(", source)):
        helper = getattr(module, name, None)
        if inspect.isfunction(helper) and getattr(helper, "__module__", None) == module.__name__:
            with contextlib.suppress(OSError, TypeError):
                source += inspect.getsource(helper)
    return source


GET_NAME = re.compile(r"request\.(GET|POST)(?:\.get|\.getlist)?[\(\[]\s*[\"']([^\"']+)[\"']")
PARSED = re.compile(r"parse_query\(\s*request\.(GET|POST),\s*(\w+)")
BOUND_FORM = re.compile(r"(\w+)\(\s*request\.GET\b")


def _form_fields(thing) -> set[str]:
    if inspect.isclass(thing) and issubclass(thing, forms.BaseForm):
        return set(thing.base_fields)
    if inspect.isfunction(thing):  # a helper that returns a bound form, e.g. plans.filters.filter_form
        annotation = inspect.signature(thing).return_annotation
        if isinstance(annotation, str):
            annotation = thing.__globals__.get(annotation)
        if inspect.isclass(annotation) and issubclass(annotation, forms.BaseForm):
            return set(annotation.base_fields)
    return set()


def query_names(pattern: URLPattern) -> tuple[set[str], set[str]]:
    """(GET names, POST names) the view reads by hand or through a form bound to request.GET."""
    source = view_source(pattern)
    names = {"GET": set(), "POST": set()}
    for method, name in GET_NAME.findall(source):
        names[method].add(name)
    target = inspect.unwrap(pattern.callback)
    scope = getattr(target, "__globals__", {})
    for method, form in PARSED.findall(source):
        names[method] |= _form_fields(scope.get(form))
    for called in BOUND_FORM.findall(source):
        names["GET"] |= _form_fields(scope.get(called))
    return names["GET"], names["POST"]


def valid_values(name: str, params: dict, world) -> dict:
    """Real objects for a route's parameters where the role-access test knows them, otherwise plausible values."""
    generic = {
        "int": world["plan"].pk,
        "str": "impressum",
        "slug": "impressum",
        "path": "1",
        "uuid": uuid.uuid4(),
        "regex": "auth",
    }
    try:
        return url_kwargs(name, sorted(params), world)
    except (KeyError, AttributeError):
        values = {}
        for param, converter in params.items():
            try:
                values[param] = url_kwargs(name, [param], world)[param]
            except (KeyError, AttributeError):
                values[param] = generic[converter]
        return values


def path_variants(name: str, params: dict, world) -> list[dict]:
    if not params:
        return [{}]
    valid = valid_values(name, params, world)
    foreign = {p: (world["foreign"] if c == "int" else valid[p]) for p, c in params.items()}
    variants = [valid, foreign]
    for absurd_int, absurd_text in zip(ABSURD_INTS, ABSURD_TEXTS):
        variants.append({p: absurd_int if c == "int" else absurd_text for p, c in params.items()})
    return variants


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(role_world):  # noqa: F811
    """The role-access world, plus the id of an object of another department (a foreign id for every route)."""
    other = published_process(plan=PlanFactory(lead_unit=OrgUnitFactory()))
    role_world["foreign"] = other.pk
    return role_world


def _routes():
    return [(name, route, pattern) for name, route, pattern in all_routes() if route not in SKIP]


def test_the_fuzz_covers_every_url_pattern():
    routes = all_routes()
    assert len(routes) > 150
    covered = {route for _name, route, _pattern in _routes()}
    assert covered | SKIP == {route for _name, route, _pattern in routes}
    # the parameter scan finds the known readers of query parameters
    by_name = {name: pattern for name, _route, pattern in routes}
    assert "beteiligung" in query_names(by_name["events:list"])[0]
    assert "bezirk" in query_names(by_name["initiatives:list"])[0]
    assert {"q", "district", "year"} <= query_names(by_name["plans:list"])[0]
    assert "account" in query_names(by_name["moderation:accounts"])[1]


@pytest.mark.parametrize("role", ["anonymous", "resident", "admin"])
def test_no_route_answers_5xx_to_bad_input(client, world, role):
    client.raise_request_exception = False  # a view's exception becomes the 500 it would be, and the loop goes on
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    failures, count, posts = [], 0, []

    def check(method, url, data=None, **extra):
        nonlocal count
        count += 1
        response = getattr(client, method)(url, data, **extra)
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {url[:200]} {str(data)[:200]}: {response.status_code}")

    for name, route, pattern in _routes():
        params = params_of(route)
        get_names, post_names = query_names(pattern)
        for values in path_variants(name, params, world):
            check("get", build(route, values))
        url = build(route, path_variants(name, params, world)[0])
        if get_names:
            for bad in BAD_VALUES:
                check("get", url, dict.fromkeys(get_names, bad))
            check("get", url, {key: ["1", "²", ""] for key in get_names})  # repeated parameters
            check("get", url, QUERY_STRING="&".join(f"{key}={LONE_SURROGATE}" for key in get_names))
        if post_names and role != "anonymous":
            posts.append((url, post_names))
    # POSTs last: they may change the world (publish, delete); the GETs above saw it unchanged
    for url, post_names in posts:
        for bad in BAD_VALUES:
            check("post", url, dict.fromkeys(post_names, bad))
    print(f"{role}: {count} requests")
    assert not failures, f"{role}: {len(failures)} of {count} requests gave a 5xx:\n" + "\n".join(failures)
