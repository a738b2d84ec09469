import uuid

from django.conf import settings
from django.utils import translation

from .context import RequestInfo, current_request


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the user chose another language.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show English to an officer
    whose browser happens to be set to English. Here only the explicit choice (the language cookie set by the
    language switcher) changes the interface language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class RequestContextMiddleware:
    """Make the client address and a request id available to the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        info = RequestInfo(ip_address=request.META.get("REMOTE_ADDR") or None, request_id=uuid.uuid4().hex)
        token = current_request.set(info)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
