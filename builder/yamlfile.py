"""Reading the maintainers' YAML files (people, sidecars, glossary) with errors that name the line."""

from __future__ import annotations

from pathlib import Path

import yaml

from .model import Problem


def load_yaml(path: Path, what: str, code: str) -> tuple[object, list[Problem]]:
    """The file's data, or ``None`` and an error (``code``) naming the file and line where it breaks; ``what`` names the file in it."""
    try:
        return yaml.safe_load(path.read_text("utf-8")), []
    except UnicodeDecodeError:
        return None, [Problem(path.name, 1, code, f"the {what} is not UTF-8 text: save it as UTF-8 (it was ignored)", "error")]
    except yaml.YAMLError as err:
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = " ".join(str(part) for part in (getattr(err, "context", None), getattr(err, "problem", None)) if part) or str(err)
        return None, [Problem(path.name, line, code, f"the {what} is not valid YAML ({reason}): fix it (it was ignored)", "error")]
