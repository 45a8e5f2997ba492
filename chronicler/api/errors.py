"""Every error leaves the API as JSON `{"error": {"code", "message"}}`; never HTML, never a trace."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify
from werkzeug.exceptions import HTTPException

from chronicler.contract.errors import ChroniclerError, InvalidInput, RateLimited

log = logging.getLogger(__name__)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
}


def error_response(status: int, code: str, message: str, **extra: object) -> Response:
    """The one shape of every error response."""
    body: dict[str, object] = {"code": code, "message": message}
    body.update({k: v for k, v in extra.items() if v is not None})
    response = jsonify({"error": body})
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    """Register the handlers that map exceptions to JSON responses."""

    @app.errorhandler(ChroniclerError)
    def domain_error(exc: ChroniclerError) -> Response:
        field = exc.field if isinstance(exc, InvalidInput) else None
        if exc.status >= 500:
            log.error("service error: %s", exc.message, exc_info=exc)
        response = error_response(exc.status, exc.code, exc.message, field=field)
        if isinstance(exc, RateLimited):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        status = exc.code or 500
        message = {
            404: "no such endpoint",
            405: "method not allowed on this endpoint",
            413: f"request body is larger than {app.config.get('MAX_CONTENT_LENGTH')} bytes",
        }.get(status, exc.description or "request failed")
        response = error_response(status, _HTTP_CODES.get(status, "http_error"), message)
        if status == 405 and exc.get_headers():
            for name, value in exc.get_headers():
                if name.lower() == "allow":
                    response.headers["Allow"] = value
        return response

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response:
        # The trace goes to the log; the client gets a message that leaks nothing.
        log.exception("unhandled error")
        return error_response(500, "internal_error", "something went wrong on our side; it has been logged")
