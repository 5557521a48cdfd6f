"""Stage 2: typed, validated metadata.

Each metadata file is validated against a strict pydantic model (``files``; field types in ``fields``): unknown
fields, wrong types and malformed values are errors. Then the files are cross-checked (``checks``): every
reference must name something that exists, program slots must be in order, dates must agree with the edition.
Problems carry file, line and field. ``load_proceedings`` (``loading``) returns the aggregate (``proceedings``).
"""

from .fields import MAX_ABSTRACT, MAX_TEXT, Id, LongText, Text, Url
from .files import (
    Author,
    EditionFile,
    Keynote,
    Link,
    Panel,
    Paper,
    Person,
    ProgramFile,
    Role,
    Slot,
    SlotKind,
    SlotPaper,
)
from .loading import load_proceedings
from .proceedings import Edition, PersonRole, Proceedings, Source
from .site import Presentation, Series, SiteFile, Track

__all__ = [
    "MAX_ABSTRACT",
    "MAX_TEXT",
    "Author",
    "Edition",
    "EditionFile",
    "Id",
    "Keynote",
    "Link",
    "LongText",
    "Panel",
    "Paper",
    "Person",
    "PersonRole",
    "Presentation",
    "Proceedings",
    "ProgramFile",
    "Role",
    "Series",
    "SiteFile",
    "Slot",
    "SlotKind",
    "SlotPaper",
    "Source",
    "Text",
    "Track",
    "Url",
    "load_proceedings",
]
