"""The people stage: resolve every speaker and every person named to one canonical person.

Resolution order, for a name in a document (each step is tried only when the one
before found nothing):

1. an explicit alias from the people file (``other_names``), or a full name
   (``Given Surname``, in either order: ``Abe Shinzo`` is ``Shinzo Abe``; spelling
   variants such as Yuri/Yury are one name; a misspelt given name beside a known
   surname, ``Vladmir Putin``, is read as the known one, with a notice);
2. ``Mr``/``Ms``/``Dr`` + surname, a surname alone, or an initial and a surname
   (``V. Putin``): a person of *that document* with that surname (and initial);
   if none, the one person of the whole registry with it (``Mr`` is never a woman;
   among several, the one holding an office of ``data/offices.yml`` on that date);
3. ``Mr President``: the President of Russia of the date (``data/offices.yml``) when
   someone else speaks; said by him, the foreign head of state of the meeting;
   ``Mr Minister``: the next speaker, when a minister; ``Mr Prime Minister``,
   ``Mr Chancellor``...: the one person of the document with that title.

An ambiguous or unknown name is a reported problem, never a guess.
The people file (``seeds/people.yml``) overrides what is inferred: its name is the
display name, and a curated role replaces every statement of that role (``memberships``:
one role, however many wordings state it, ``bodies``: the body it is of).

The stage runs in two passes over the corpus: ``collect`` adds every person the
documents name to the registry, then ``resolve`` gives each document's speakers
and mentions their person. This module is the stage's face: the other stages
import what they need from here.
"""

from __future__ import annotations

from .bodies import Body, role_key
from .collect import collect
from .curated import PEOPLE_FILE, load_curated
from .memberships import SOURCES, Membership, latest, memberships
from .registry import Entry, Registry
from .resolve import Resolver, resolve
from .roles import RoleIndex, involved, people_of

__all__ = ["PEOPLE_FILE", "SOURCES", "Body", "Entry", "Membership", "Registry", "Resolver", "RoleIndex", "collect", "involved", "latest",
           "load_curated", "memberships", "people_of", "resolve", "role_key"]
