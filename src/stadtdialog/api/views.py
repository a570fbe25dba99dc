"""The open-data pages: the index under /api/, the documentation of the API (rendered on the server from the OpenAPI
document, so it works without scripts under the strict CSP), the DCAT-AP.de catalogue and the download."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from . import dcat, opendata
from .endpoints import api


def _schema_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_text(schema: dict) -> str:
    """A JSON Schema as a short readable type: "string", "integer or null", "list of Plan", "one of: a, b"."""
    if not schema:
        return "any"
    if "$ref" in schema:
        return _schema_name(schema["$ref"])
    if "enum" in schema:
        return "one of: " + ", ".join(str(value) for value in schema["enum"])
    if "const" in schema:
        return str(schema["const"])
    for combined in ("anyOf", "oneOf", "allOf"):
        if combined in schema:
            parts = [type_text(part) for part in schema[combined]]
            return " or ".join(dict.fromkeys(parts))
    kind = schema.get("type", "object")
    if kind == "array":
        return "list of " + type_text(schema.get("items", {}))
    if schema.get("format"):
        return f"{kind} ({schema['format']})"
    return str(kind)


def documentation() -> dict:
    """The OpenAPI document shaped for the template: operations by tag with parameters, and the schemas."""
    document = api.get_openapi_schema()
    operations = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            parameters = [
                {
                    "name": parameter["name"],
                    "where": parameter["in"],
                    "required": parameter.get("required", False),
                    "type": type_text(parameter.get("schema", {})),
                    "description": parameter.get("description") or parameter.get("schema", {}).get("description", ""),
                }
                for parameter in operation.get("parameters", [])
            ]
            responses = []
            for status, answer in operation.get("responses", {}).items():
                content = answer.get("content", {}).get("application/json", {})
                responses.append(
                    {
                        "status": status,
                        "description": answer.get("description", ""),
                        "type": type_text(content.get("schema", {})),
                    }
                )
            operations.append(
                {
                    "id": operation.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or [""])[0],
                    "parameters": parameters,
                    "responses": responses,
                }
            )
    schemas = []
    for name, schema in sorted(document.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        schemas.append(
            {
                "name": name,
                "properties": [
                    {
                        "name": key,
                        "type": type_text(value),
                        "required": key in required,
                        "description": value.get("description", ""),
                    }
                    for key, value in schema.get("properties", {}).items()
                ],
            }
        )
    return {"info": document["info"], "operations": operations, "schemas": schemas, "openapi": document["openapi"]}


def index(request):
    return render(request, "api/index.html", {"has_download": default_storage.exists(opendata.FILE_NAME)})


def docs(request):
    return render(request, "api/docs.html", documentation())


def _graph(request):
    return dcat.catalog(request.build_absolute_uri)


def catalog_turtle(request):
    return HttpResponse(_graph(request).serialize(format="turtle"), content_type="text/turtle; charset=utf-8")


def catalog_jsonld(request):
    return HttpResponse(_graph(request).serialize(format="json-ld"), content_type="application/ld+json; charset=utf-8")


def download(request):
    """The ZIP of everything public from the storage (404 until the first build)."""
    if not default_storage.exists(opendata.FILE_NAME):
        raise Http404
    response = FileResponse(
        default_storage.open(opendata.FILE_NAME, "rb"),
        as_attachment=True,
        filename="stadtdialog-opendaten.zip",
        content_type="application/zip",
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{reverse("api:catalog_ttl")}>; rel="describedby"; type="text/turtle"'
    return response
