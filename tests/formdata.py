"""What a browser would send back from a form on a page: the values of its controls as rendered.

    data = form_values(client.get(url))          # the staff edit form (the POST form with a version)
    data["title"] = "Neuer Titel"
    client.post(url, data)

Disabled controls, buttons and file inputs are left out, as a browser leaves them out; an unchecked checkbox
or radio sends nothing. `version_of(response)` is the version token the form carries (core.versioning)."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._textarea = None
        self._select = None
        self._option = None
        self._in_template = 0  # controls inside a <template> (an "add another" row) are not sent

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self._in_template += 1
            return
        if self._in_template:
            return
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(), "fields": [], "names": set()}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        disabled = "disabled" in attrs
        if name:
            self._form["names"].add(name)
        if tag == "input" and name and not disabled:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._form["fields"].append((name, attrs.get("value", "on")))
                return
            self._form["fields"].append((name, attrs.get("value", "")))
        elif tag == "textarea" and name and not disabled:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {
                "name": name,
                "multiple": "multiple" in attrs,
                "chosen": [],
                "first": None,
                "disabled": disabled,
            }
        elif tag == "option" and self._select is not None:
            self._option = {"value": attrs.get("value"), "text": "", "selected": "selected" in attrs}

    def handle_data(self, data):
        if self._in_template:
            return
        if self._textarea is not None:
            self._textarea[1] += data
        if self._option is not None:
            self._option["text"] += data

    def _close_option(self):
        option, self._option = self._option, None
        if option is None or self._select is None:
            return
        value = option["value"] if option["value"] is not None else option["text"].strip()
        if self._select["first"] is None:
            self._select["first"] = value
        if option["selected"]:
            self._select["chosen"].append(value)

    def handle_endtag(self, tag):
        if tag == "template":
            self._in_template -= 1
            return
        if self._in_template:
            return
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._form["fields"].append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option":
            self._close_option()
        elif tag == "select" and self._select is not None:
            self._close_option()
            select, self._select = self._select, None
            if select["disabled"]:
                return
            chosen = select["chosen"]
            if not chosen and not select["multiple"] and select["first"] is not None:
                chosen = [select["first"]]
            for value in chosen if select["multiple"] else chosen[-1:]:
                self._form["fields"].append((select["name"], value))


def _pick(forms, field="version"):
    posts = [form for form in forms if form["method"] == "post"]
    with_field = [form for form in posts if field in form["names"]]
    candidates = with_field or posts
    assert candidates, "no POST form on the page"
    return max(candidates, key=lambda form: len(form["names"]))


def form_values(response, field="version") -> dict:
    """The POST form of the page that has `field` (else the largest POST form): {name: value or [values]}."""
    parser = _Forms()
    parser.feed(response.content.decode())
    form = _pick(parser.forms, field)
    data: dict = {}
    for name, value in form["fields"]:
        if name == "csrfmiddlewaretoken":
            continue
        if name in data:
            data[name] = (data[name] if isinstance(data[name], list) else [data[name]]) + [value]
        else:
            data[name] = value
    return data


def version_of(response) -> str:
    return form_values(response).get("version", "")
