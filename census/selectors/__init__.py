from .dashboard import answer, completion, dak_rooms, round_dashboard
from .map import round_map_points
from .worklist import (
    item_get, item_list, item_detail, returned_items, round_get, round_list, visit_conflicts, visit_get, visit_list, worklist_payload,
)

__all__ = [
    "answer", "completion", "dak_rooms", "item_detail", "item_get", "item_list", "round_dashboard", "round_get", "round_list",
    "returned_items", "round_map_points",
    "visit_conflicts", "visit_get", "visit_list", "worklist_payload",
]
