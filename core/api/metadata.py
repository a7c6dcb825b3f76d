"""OPTIONS answers: what the resource is, what it reads and writes; the fields are in the OpenAPI schema.

DRF's SimpleMetadata also describes the write actions by loading the object as if for a PUT, which failed on
routes keyed by something other than the id (`by-nib/<nib>/`, `by-code/<code>/`: a 500) and, on others,
read records only to describe a form. The schema at /api/v1/schema/ already says everything about fields.
"""

from rest_framework.metadata import SimpleMetadata


class RegistryMetadata(SimpleMetadata):
    def determine_metadata(self, request, view):
        return {
            "name": view.get_view_name(),
            "description": view.get_view_description(),
            "renders": [renderer.media_type for renderer in view.renderer_classes],
            "parses": [parser.media_type for parser in view.parser_classes],
        }
