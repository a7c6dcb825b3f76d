from .apply import visit_apply
from .review import kabupaten_submit, visit_review
from .rounds import round_open
from .visits import visit_record

__all__ = ["kabupaten_submit", "round_open", "visit_apply", "visit_record", "visit_review"]
