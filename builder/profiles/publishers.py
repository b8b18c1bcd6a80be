"""Who published a source: the publisher every kremlin.ru shape names, and publishers known by their URL's host."""

from __future__ import annotations

from urllib.parse import urlparse

# The publisher of every en.kremlin.ru page, whatever its shape.
KREMLIN = "President of Russia (en.kremlin.ru)"
# Publishers known by the host of their URL.
PUBLISHERS = {
    "themoscowtimes.com": "The Moscow Times",
    "kremlin.ru": KREMLIN,
    "tass.com": "TASS",
    "reuters.com": "Reuters",
    "interfax.com": "Interfax",
}


def publisher_of(url: str | None) -> str | None:
    """The publisher of the page at ``url``: a known one by its host (or a subdomain of it), else the host itself."""
    if not url:
        return None
    host = urlparse(url).hostname or ""
    for domain, name in PUBLISHERS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host or None
