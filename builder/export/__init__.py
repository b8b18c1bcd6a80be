"""The export stage: the downloads of each document (JSON, TEI, original text) and of the corpus.

A document's downloads are one unit of work, keyed on a hash of everything they
are made from (``download_keys``): with a unit cache, a document whose key and
files are unchanged since the last build is not exported again. The corpus-wide
files follow: the people registry and the schemas, on the site (``files``); then the
corpus-level files, ``documents.jsonl.gz`` joined from the documents' JSON,
``turns.csv.gz`` and ``tei.zip`` of every TEI file (``corpus``), which go to the
release folder when the build is given one, or, for the offline copy, into the docs
folder under ``data/`` (``builder/addresses.py``); else they are not made: read
through every document, they are most of a rebuild's time once the archive is large.
"""

from __future__ import annotations

from pathlib import Path

from ..addresses import corpus_path
from ..cache import UnitCache, code_version, content_hash, run_units
from ..corpus import Corpus, people_shown
from ..docs_folder import DocsFolder, write_made
from ..parallel import fork_map
from ..people import RoleIndex
from .corpus import corpus_writers
from .files import dataset_files, document_files


def write_exports(folder: DocsFolder, corpus: Corpus, site_url: str | None, units: UnitCache, jobs: int | None = None,
                  release: Path | None = None, annotated: dict[str, str] | None = None, inside: bool = False) -> dict[str, int]:
    """Every download into ``folder``, each document's on ``jobs`` processes where its inputs changed; the corpus-level
    files (each in a process of its own) into ``folder`` (``inside``: the offline copy holds them), else into ``release``,
    else not at all. The sizes of the corpus-level files made, in bytes, by name.

    ``site_url`` is the published site's address (a TEI header names the page). ``annotated``: each
    document's key (by id) standing for it and its seed's text, if known (see ``download_keys``).
    """
    roles = RoleIndex(corpus.people)
    documents = corpus.documents

    def export(index: int) -> list[str]:  # numbers go to the workers, not documents
        doc = documents[index]
        return [folder.put(path, data) for path, data in document_files(doc, corpus.people, corpus.original(doc), site_url, roles).items()]

    tasks = {f"document:{doc.id}": index for index, doc in enumerate(documents)}
    run_units(units, tasks, download_keys(corpus, roles, (code_version(), site_url), jobs, annotated), export, folder, jobs)
    folder.put_all(dataset_files(documents, corpus.people))
    if not inside and release is None:
        return {}
    writers = corpus_writers(documents, corpus.people, folder.current)
    outside = None if inside else release  # the offline copy holds them, whatever release folder it is given

    def make(name: str) -> int:  # each in a process of its own: one after the other, they took as long as every document's downloads
        if outside is None:
            folder.put_made(corpus_path(name), writers[name])
            return folder.current(corpus_path(name)).stat().st_size
        write_made(outside / name, writers[name])
        return (outside / name).stat().st_size

    sizes = dict(zip(writers, fork_map(make, list(writers), jobs, minimum=2, fresh=True), strict=True))
    if outside is None:
        folder.keep(corpus_path(name) for name in writers)  # put by the workers
    return sizes


def download_keys(corpus: Corpus, roles: RoleIndex, setting: tuple, jobs: int | None = None,
                  annotated: dict[str, str] | None = None) -> dict[str, str]:
    """The unit key of each document's downloads (``document:<id>``): a hash of all they are made from.

    ``setting`` is what every download depends on (the builder's code, the site's
    address); a document's are made from the document, its seed's text and what it
    shows of each person (``corpus.people_shown``). The document and its text are
    hashed whole, or stand for by their key in ``annotated`` (a hash of all they came
    from: the seed's bytes, the builder's code, the names, roles and glossary), which a
    rebuild need not read through. Hashed on ``jobs`` processes.
    """
    documents = corpus.documents

    def key(index: int) -> str:
        doc = documents[index]
        made = (annotated[doc.id],) if annotated else (doc, corpus.original(doc))
        return content_hash((setting, *made, people_shown(doc, corpus.people, roles)))

    return {f"document:{doc.id}": k for doc, k in zip(documents, fork_map(key, range(len(documents)), jobs), strict=True)}
