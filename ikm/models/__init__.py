from .figures import YearlyFigure
from .unit import Certification, CertificationKind, IkmClass, IkmUnit, ProductionPlace, Programme, ProgrammeParticipation, SentraMembership

__all__ = [
    "Certification",
    "CertificationKind",
    "IkmClass",
    "IkmUnit",
    "ProductionPlace",
    "Programme",
    "ProgrammeParticipation",
    "SentraMembership",
    "YearlyFigure",
]
