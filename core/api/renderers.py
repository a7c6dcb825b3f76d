"""JSON through orjson: the same document as DRF's JSONRenderer, several times faster on large lists.

Types orjson does not know natively (lazy translation strings, Decimal, QuerySet, ...) and datetimes (which DRF
writes with millisecond precision and `Z`) go through DRF's own encoder, so every value is written the way DRF
writes it. Indented output (the browsable API, `Accept: application/json; indent=4`) and ASCII-only settings
keep DRF's stdlib path: they are for people, not for speed.
"""

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_drf_default = JSONEncoder().default
_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


class OrjsonRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        indent = self.get_indent(accepted_media_type, renderer_context or {})
        if indent is not None or self.ensure_ascii or not self.compact:
            return super().render(data, accepted_media_type, renderer_context)
        return orjson.dumps(data, default=_drf_default, option=_OPTIONS)
