"""The API's one body format: JSON, refused cleanly when it is not JSON or is nested absurdly deep.

DRF's parser lets a RecursionError escape (a body nested 100,000 levels deep was a 500) and answers a syntax
error with the decoder's English text. Registry bodies are at most three levels deep (`items` -> item ->
`commodity_codes`); anything past MAX_DEPTH is refused before a serializer walks it.
"""

import codecs
from rest_framework.utils import json

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.settings import api_settings

MAX_DEPTH = 32


def _too_deep(data):
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
    return False


class RegistryJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding") or "utf-8"
        try:
            decoded = codecs.getreader(encoding)(stream)
            data = json.load(decoded, parse_constant=json.strict_constant if api_settings.STRICT_JSON else None)
        except RecursionError:
            raise ParseError(_("Isi JSON bersarang terlalu dalam (paling banyak %(depth)s tingkat).") % {"depth": MAX_DEPTH}) from None
        except (ValueError, LookupError):
            raise ParseError(_("Isi permintaan bukan JSON yang valid.")) from None
        if _too_deep(data):
            raise ParseError(_("Isi JSON bersarang terlalu dalam (paling banyak %(depth)s tingkat).") % {"depth": MAX_DEPTH})
        return data
