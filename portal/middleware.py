from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Pages are in Vietnamese unless the visitor chose English with the switcher (a cookie).

    The browser's Accept-Language is ignored on pages: a citizen's phone set to English must still open
    the official Vietnamese portal. The API honours Accept-Language, as machine clients expect."""

    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
