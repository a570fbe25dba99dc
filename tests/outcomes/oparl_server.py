"""A small OParl 1.1 server for tests, on loopback only.

It serves the JSON files in oparl_data/ (System → body list → Body → paper list in three pages linked
by `links.next`, Papers with consultations, Meetings and Organizations). "{BASE}" in the files becomes
the server's own address. A test can replace the answer for a path (an HTTP error, malformed JSON, a
wrong object type, a slow answer) and read which paths were requested.
"""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).resolve().parent / "oparl_data"

ROUTES = {
    "/oparl/v1/system": "system.json",
    "/oparl/v1/bodies": "bodies.json",
    "/oparl/v1/body/1/paper": "papers-1.json",
    "/oparl/v1/body/1/paper?page=2": "papers-2.json",
    "/oparl/v1/body/1/paper?page=3": "papers-3.json",
    "/oparl/v1/consultation/503": "consultation-503.json",
    "/oparl/v1/meeting/101": "meeting-101.json",
    "/oparl/v1/meeting/102": "meeting-102.json",
    "/oparl/v1/organization/11": "organization-11.json",
    "/oparl/v1/organization/12": "organization-12.json",
    "/oparl/v1/organization/13": "organization-13.json",
    "/oparl/v1/organization/14": "organization-14.json",
}


@dataclass
class Answer:
    status: int = 200
    body: str = ""
    content_type: str = "application/json; charset=utf-8"
    delay: float = 0.0
    headers: dict = field(default_factory=dict)  # e.g. {"Location": ...} for a redirect
    trickle: float = 0.0  # seconds between single bytes of the body (a server that drips its answer)
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes


class OParlTestServer:
    """Start with `with OParlTestServer() as server:`; `server.url(path)` is an absolute URL."""

    def __init__(self):
        self.overrides: dict[str, Answer] = {}
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        host, port = self._httpd.server_address[:2]
        self.base = f"http://{host}:{port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="oparl-test-server", daemon=True
        )

    def url(self, path: str) -> str:
        return self.base + path

    def file_text(self, name: str) -> str:
        return (DATA / name).read_text(encoding="utf-8").replace("{BASE}", self.base)

    def answer(self, path: str, **kwargs) -> None:
        """Answer `path` differently from the stored file (status, body, content_type, delay, headers, trickle)."""
        self.overrides[path] = Answer(**kwargs)

    def answer_for(self, path: str) -> Answer:
        if path in self.overrides:
            return self.overrides[path]
        if path in ROUTES:
            return Answer(body=self.file_text(ROUTES[path]))
        return Answer(status=404, body='{"error": "not found"}')

    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                with server._lock:
                    server.requests.append(self.path)
                answer = server.answer_for(self.path)
                if answer.delay:
                    time.sleep(answer.delay)
                body = answer.body.encode("utf-8")
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.content_type)
                    if answer.send_length:
                        self.send_header("Content-Length", str(len(body)))
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    if answer.trickle:
                        for position in range(len(body)):
                            self.wfile.write(body[position : position + 1])
                            self.wfile.flush()
                            time.sleep(answer.trickle)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, format, *args):  # keep test output quiet
                pass

        return Handler

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
