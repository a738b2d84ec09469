"""The current request's facts (IP address, request id) for the audit log, without passing the request down."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    ip_address: str | None = None
    request_id: str = ""


NO_REQUEST = RequestInfo()  # frozen, so sharing it as the default is safe
current_request: ContextVar[RequestInfo] = ContextVar("thidua_current_request", default=NO_REQUEST)
