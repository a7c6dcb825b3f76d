"""Which events a subscription may ask for: <resource>.<created|updated|deleted>, from the change feed.

Every resource the change feed knows (changes.representations.VIEWSETS, filled by the triggers of
changes/triggers.py) has the three events. A new app (census rounds, visits...) adds its table as a
`Source` in changes/triggers.py (a migration of its own calling InstallSourceTriggers, as census does) and
its viewset to changes.representations.VIEWSETS; its events then exist here with nothing more to do.
"""

from changes.representations import EVENTS, resource_names


def resources():
    return resource_names()


def event_names():
    return EVENTS


def event_choices():
    """Every "<resource>.<event>" a delivery may carry."""
    return [f"{resource}.{event}" for resource in resource_names() for event in EVENTS]
