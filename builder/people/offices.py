"""Offices a form of address names, and who held them when (``builder/data/offices.yml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Tenure:
    name: str
    start: str
    end: str | None  # exclusive; None: still in office


@dataclass(frozen=True)
class Office:
    title: str
    address: tuple[str, ...]  # "President" of "Mr President"
    holders: tuple[Tenure, ...]

    def holder_on(self, date: str | None) -> str | None:
        """The name of the holder on ``date`` ("YYYY-MM-DD"), else None."""
        if not date:
            return None
        return next((t.name for t in self.holders if t.start <= date and (t.end is None or date < t.end)), None)


@cache
def offices() -> tuple[Office, ...]:
    data = yaml.safe_load(resources.files("builder").joinpath("data/offices.yml").read_text("utf-8")) or []
    return tuple(
        Office(o["title"], tuple(o.get("address") or ()),
               tuple(Tenure(h["name"], str(h["start"]), None if h.get("end") is None else str(h["end"])) for h in o["holders"]))
        for o in data
    )


def office(title: str) -> Office | None:
    return next((o for o in offices() if o.title == title), None)


def holders_on(date: str | None) -> set[str]:
    """The names of everyone holding a listed office on ``date``."""
    return {name for o in offices() if (name := o.holder_on(date))}


PRESIDENT_OF_RUSSIA = "President of Russia"
