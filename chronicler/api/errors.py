"""Every error leaves the API as an `ErrorOut` `{"error": {"code", "message", ...}}`: no HTML, no trace."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from chronicler.contract.api import ErrorDetail, ErrorOut, status_code
from chronicler.contract.errors import ChroniclerError, ErrorCode, RateLimited, ServiceUnavailable, UserError

log = logging.getLogger(__name__)


def error_response(
    status: int,
    code: ErrorCode,
    message: str,
    *,
    field: str | None = None,
    retry_after: int | None = None,
) -> Response:
    """The one shape of every error response; `field` and `retry_after` only when they are set."""
    body = ErrorOut(error=ErrorDetail(code=code, message=message, field=field, retry_after=retry_after))
    response = jsonify(body.model_dump(mode="json", exclude_none=True))
    response.status_code = status
    return response


def init_app(app: Flask) -> None:
    """Register the handlers that map exceptions to JSON responses."""

    @app.errorhandler(ChroniclerError)
    def domain_error(exc: ChroniclerError) -> Response:
        """An error raised on purpose: its status, code and message (`field`, `retry_after` when set)."""
        if not isinstance(exc, UserError | ServiceUnavailable):
            return _internal_error(exc)  # its text is for the log, not for the client
        field = exc.field if isinstance(exc, UserError) else None
        retry_after = exc.retry_after if isinstance(exc, RateLimited) else None
        if exc.status >= 500:
            log.error("service error: %s", exc.message, exc_info=exc)
        response = error_response(exc.status, exc.code, exc.message, field=field, retry_after=retry_after)
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        """A framework error (no route, wrong method, body too large...) with its status's generic code."""
        status = exc.code or 500
        code = status_code(status)
        message = {
            405: "method not allowed on this endpoint",
            413: f"request body is larger than {app.config.get('MAX_CONTENT_LENGTH')} bytes",
        }.get(status, exc.description or "request failed")
        if status == 404 and request.url_rule is None:
            # No route matched: the bot tells "this API lacks the endpoint" from "no such thing" by the code.
            code, message = ErrorCode.NO_SUCH_ENDPOINT, "no such endpoint"
        response = error_response(status, code, message)
        if status == 405 and exc.get_headers():
            for name, value in exc.get_headers():
                if name.lower() == "allow":
                    response.headers["Allow"] = value
        return response

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response:
        """A bug: a generic 500, the trace in the log."""
        return _internal_error(exc)


def _internal_error(exc: Exception) -> Response:
    """A generic 500 for a failure on our side; the trace goes to the log, the client learns nothing more."""
    log.error("unhandled error", exc_info=exc)
    return error_response(
        500, ErrorCode.INTERNAL_ERROR, "something went wrong on our side; it has been logged"
    )
