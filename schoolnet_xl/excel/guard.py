"""Bad input gets a 4xx: the body limit and the shape check before xlwings Server sees it.

An ASGI wrapper around the xlwings Server app: a POST whose Content-Length (or
streamed body) exceeds `MAX_BODY` gets 413 before the body is read whole; a
script call whose body is no JSON, or not the workbook the client sends, gets
400 with a short sentence in the server's language. Everything else passes
through unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from schoolnet_xl.core.lang import Lang, default_lang, say
from schoolnet_xl.excel.payload import PayloadError, check_payload

MAX_BODY = 5 * 1024 * 1024  # bytes; a 2,000-row card is about 0.7 MB of JSON
SCRIPT_CALL = "/xlwings/custom-scripts-call/"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(Exception):
    """The body passed MAX_BODY."""


class PayloadGuard:
    """Wrap `app`: refuse oversized POST bodies (413) and malformed script calls (400)."""

    def __init__(self, app: App, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        lang = default_lang()
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await _answer(send, 413, self._too_large(lang))
            return
        try:
            body = await _read(receive, self.limit)
        except BodyTooLarge:
            await _answer(send, 413, self._too_large(lang))
            return
        if SCRIPT_CALL in scope["path"]:
            problem = _problem(body, lang)
            if problem:
                await _answer(send, 400, problem)
                return
        await self.app(scope, _replay(body, receive), send)

    def _too_large(self, lang: Lang) -> str:
        megabytes = self.limit // (1024 * 1024)
        return say(f"De aanvraag is te groot: de grens is {megabytes} MB. Een netwerkkaart "
                   "is gewoonlijk minder dan 1 MB.",
                   f"The request is too large: the limit is {megabytes} MB. A network card "
                   "is usually less than 1 MB.", lang)


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _read(receive: Receive, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _problem(body: bytes, lang: Lang) -> str | None:
    """None for a well-formed workbook body, else the sentence to answer with."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return say("De aanvraag is geen geldige JSON van de Excel-invoegtoepassing.",
                   "The request is not valid JSON from the Excel add-in.", lang)
    try:
        check_payload(data, lang)
    except PayloadError as exc:
        return str(exc)
    except RecursionError:
        return say("De werkmapgegevens zijn te diep genest.",
                   "The workbook data is nested too deeply.", lang)
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the app the body already read, then the real channel."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _answer(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
