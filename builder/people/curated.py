"""The maintainers' people file (``seeds/people.yml``), read into a fresh registry.

What the file says of a person wins over what the sources let the builder infer: its
name is the display name, its other names find the person, its roles are dated. A bad
entry is a problem naming the file and line, and is skipped; the rest is read.
"""

from __future__ import annotations

from pathlib import Path

from ..ingest.yamlfile import entry_lines, load_yaml
from ..model import Problem, Role
from .registry import Registry

PEOPLE_FILE = "people.yml"


def load_curated(path: Path) -> Registry:
    """The maintainers' people file, read into a fresh registry (problems name file and line)."""
    registry = Registry()
    if not path.exists():
        return registry
    entries, problems = load_yaml(path, "people file", "people-file")
    if problems:
        registry.problems += problems
        return registry
    entries = entries or []
    if not isinstance(entries, list):
        registry.problems.append(Problem(path.name, 1, "people-file",
                                         "the people file must be a list of people ('- name: ...'): it was ignored", "error"))
        return registry
    lines = entry_lines(path)
    for n, entry in enumerate(entries):
        line = lines[n] if n < len(lines) else 1
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            registry.problems.append(Problem(path.name, line, "people-file",
                                             "an entry has no 'name': give each person a name; the entry was skipped", "error"))
            continue
        pid = registry.add(entry["name"], curated=True, pid=entry.get("id"), stated=True)
        person = registry.people[pid]
        person.summary = entry.get("summary")
        for alias in entry.get("other_names") or []:
            registry.alias(pid, str(alias))
        for role in entry.get("roles") or []:
            if isinstance(role, dict) and role.get("title"):
                source = role.get("source") or PEOPLE_FILE
                person.roles.append(Role(str(role["title"]), _date(role.get("start")), source, "curated", _date(role.get("end"))))
            else:
                message = f"a role of {entry['name']} has no 'title': it was skipped"
                registry.problems.append(Problem(path.name, line, "people-file", message))
    return registry


def _date(value: object) -> str | None:
    return None if value is None else str(value)
