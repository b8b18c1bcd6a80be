"""The licence of each source's text: a sidecar's choice, else its publisher's, else unknown.

Reusing a text rightly needs its terms: en.kremlin.ru publishes under CC BY 4.0 and
asks to be credited, a newspaper's article is its publisher's. The licences and the
publishers whose terms are known are data a maintainer edits (``builder/data/licences.yml``),
not code; a seed's sidecar names one of them (``licence: CC-BY-4.0``) for a text whose
publisher is not listed or whose terms differ.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from .model import UNKNOWN_LICENCE, Licence

DATA_FILE = "data/licences.yml"


@cache
def _data() -> tuple[dict[str, Licence], dict[str, tuple[str, str | None]]]:
    data = yaml.safe_load(resources.files("builder").joinpath(DATA_FILE).read_text("utf-8"))
    licences = {key: Licence(key, entry["name"], entry["short"], entry.get("url")) for key, entry in data["licences"].items()}
    publishers = {name: (entry["licence"], entry.get("attribution")) for name, entry in data["publishers"].items()}
    return licences, publishers


def licence_ids() -> tuple[str, ...]:
    """The ids a sidecar's ``licence:`` may name."""
    return tuple(_data()[0])


def licence_of(publisher: str | None, chosen: str | None = None) -> Licence:
    """The licence of a text of ``publisher``: the sidecar's ``chosen`` id, else the publisher's, else unknown."""
    licences, publishers = _data()
    known, attribution = publishers.get(publisher or "", (None, None))
    if chosen in licences:
        return _credited(licences[chosen], attribution or publisher, "sidecar")
    if known in licences:
        return _credited(licences[known], attribution or publisher, "publisher")
    return UNKNOWN_LICENCE


def _credited(licence: Licence, attribution: str | None, via: str) -> Licence:
    return Licence(licence.id, licence.name, licence.short, licence.url, attribution, via)


def publisher_licences() -> list[tuple[str, Licence]]:
    """Each publisher whose licence is known, and that licence, by the publisher's name."""
    return [(publisher, licence_of(publisher)) for publisher in sorted(_data()[1])]
