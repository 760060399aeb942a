"""What a chain segment counts: the numbers its gaps are read from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SegmentCounts:
    """A segment's enterprises (chain leaders and specialised SMEs among them), the talent in
    its fields, and the investors, agencies and transfers tied to its enterprises."""

    enterprises: int = 0
    chain_leaders: int = 0
    specialised: int = 0
    scientists: int = 0
    institutions: int = 0
    workstations: int = 0
    investors: int = 0
    agencies: int = 0
    transfers: int = 0
