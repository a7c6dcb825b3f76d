"""The record types a user can import, by the code used in URLs and in ImportJob.kind."""

from .certifications import CertificationKind
from .facilities import MachineKind, RoomKind
from .figures import YearlyFigureKind
from .funding import DakActivityKind, DakAllocationKind
from .ikm import IkmKind
from .sentra import SentraKind

KINDS = {
    kind.code: kind
    for kind in (SentraKind, IkmKind, CertificationKind, RoomKind, MachineKind, DakAllocationKind, DakActivityKind, YearlyFigureKind)
}


def kind_choices():
    return [(code, kind.label) for code, kind in KINDS.items()]
