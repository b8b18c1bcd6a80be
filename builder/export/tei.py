"""A transcript as TEI, in the manner of ParlaMint: utterances pointing into a list of persons.

Each turn with a speaker is a ``<u who="#person-id">`` (after a ``<note
type="speaker">`` holding the label as written); narration is a ``<note
type="narrative">``. Each paragraph is a ``<seg xml:id>`` with the same id as on
the site; mentions are ``<persName ref>``, the source's insertions ``<note
type="editorial">`` and its elisions ``<gap>``. The header carries the source
(publisher, URL, date), the setting, the topics and a ``listPerson`` with every
person's roles in this document. Built with ElementTree, so always well-formed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..addresses import SITE_NAME, page_url
from ..model import Document, Mark, Mention, Paragraph, Person
from ..people import RoleIndex, involved

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 forbids; a seed holding one gets U+FFFD in its place.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What may start an xml:id (an NCName): a letter or underscore.
NCNAME_START = re.compile(r"^[A-Za-z_]")
# Elements holding running text: indenting inside them would change the text.
MIXED = frozenset(f"{{{TEI_NS}}}{name}" for name in ("seg", "note", "persName", "gap", "title", "desc"))

ET.register_namespace("", TEI_NS)


def _t(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def _text(value: str | None) -> str:
    return NOT_XML.sub("\ufffd", value or "")


def xml_id(value: str) -> str:
    """A valid xml:id for an id of ours (document ids start with a digit)."""
    return value if NCNAME_START.match(value) else f"d{value}"


def _sub(parent: ET.Element, name: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, _t(name), {k.replace("_", "-") if k != "xml_id" else XML_ID: v for k, v in attrs.items() if v})
    if text:
        element.text = _text(text)
    return element


def tei_document(doc: Document, people: dict[str, Person], site_url: str | None = None, roles: RoleIndex | None = None) -> str:
    """The transcript's TEI document as text (UTF-8, with an XML declaration).

    ``roles``: ``RoleIndex(people)``, made once for a whole corpus (else made for this document's people).
    """
    root = ET.Element(_t("TEI"), {XML_ID: xml_id(doc.id), XML_LANG: "en"})
    _header(root, doc, people, site_url, roles or RoleIndex.of(doc, people))
    body = _sub(_sub(root, "text"), "body")
    div = _sub(body, "div", type="debateSection")
    for turn in doc.turns:
        if turn.label:
            _sub(div, "note", turn.label, type="speaker")
        if turn.speaker or turn.label:
            who = f"#{xml_id(turn.speaker)}" if turn.speaker else None
            u = _sub(div, "u", who=who, xml_id=f"{xml_id(doc.id)}.u{turn.number}")
            for paragraph in turn.paragraphs:
                _seg(u, paragraph, doc)
        else:
            for paragraph in turn.paragraphs:
                note = _sub(div, "note", type="narrative")
                _inline(note, paragraph)
    _indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _indent(element: ET.Element, level: int = 0) -> None:
    """Indent the structure, never the inside of running text (a seg, a note), whose spaces are the text's."""
    if len(element) == 0 or element.tag in MIXED:
        return
    inner = "\n" + " " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + " " * level


def _header(root: ET.Element, doc: Document, people: dict[str, Person], site_url: str | None, roles: RoleIndex) -> None:
    header = _sub(root, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", doc.title, type="main")
    publication = _sub(file_desc, "publicationStmt")
    _sub(publication, "publisher", SITE_NAME)
    if site_url:
        _sub(publication, "idno", page_url(site_url, doc.id), type="URI")
    _sub(publication, "idno", doc.source.sha256, type="sha256")
    _availability(publication, doc)
    bibl = _sub(_sub(file_desc, "sourceDesc"), "bibl")
    _sub(bibl, "title", doc.title)
    if doc.source.publisher:
        _sub(bibl, "publisher", doc.source.publisher)
    if doc.source.url:
        _sub(bibl, "idno", doc.source.url, type="URI")
    if doc.date:
        _sub(bibl, "date", doc.date, when=doc.date)
    profile = _sub(header, "profileDesc")
    setting = _sub(_sub(profile, "settingDesc"), "setting")
    if doc.place:
        _sub(setting, "name", doc.place, type="place")
    if doc.date:
        when = f"{doc.date}T{doc.time}:00" if doc.time else doc.date
        _sub(setting, "date", f"{doc.date} {doc.time}" if doc.time else doc.date, when=when)
    if doc.topics:
        keywords = _sub(_sub(profile, "textClass"), "keywords")
        for topic in doc.topics:
            _sub(keywords, "term", topic)
    listed = sorted(involved(doc) & people.keys())
    list_person = _sub(_sub(profile, "particDesc"), "listPerson")
    for pid in listed:
        person = people[pid]
        element = _sub(list_person, "person", xml_id=xml_id(pid))
        _sub(element, "persName", person.name)
        for name in person.other_names:
            _sub(element, "persName", name, type="alt")
        for role in roles.stated_in(doc.id, pid):
            _sub(element, "affiliation", role.title, role="member", when=doc.date, ana=f"#{role.source}")


def _availability(publication: ET.Element, doc: Document) -> None:
    """The source's licence, as TEI (and ParlaMint) give it: ``availability/licence``, its text's URL as ``@target``."""
    licence = doc.source.licence
    availability = _sub(publication, "availability", status="free" if licence.url else "restricted" if licence.id else "unknown")
    credit = f" Attribution: {licence.attribution}{', ' + doc.source.url if doc.source.url else ''}." if licence.attribution else ""
    _sub(availability, "licence", f"{licence.name} ({licence.short}).{credit}", target=licence.url)


def _seg(parent: ET.Element, paragraph: Paragraph, doc: Document) -> None:
    seg = _sub(parent, "seg", xml_id=f"{xml_id(doc.id)}.{paragraph.id}")
    _inline(seg, paragraph)


def _inline(element: ET.Element, paragraph: Paragraph) -> None:
    """The paragraph's text into ``element``: mentions as persName, editorial marks as note/gap."""
    text = paragraph.text
    spans: list[Mark | Mention] = sorted([*paragraph.marks, *paragraph.mentions], key=lambda s: (s.start, -s.end))  # a mark first on a tie
    last: ET.Element | None = None
    pos = 0

    def put(chunk: str) -> None:
        if not chunk:
            return
        if last is None:
            element.text = (element.text or "") + _text(chunk)
        else:
            last.tail = (last.tail or "") + _text(chunk)

    for item in spans:
        start, end = item.start, item.end
        if start < pos:
            continue
        put(text[pos:start])
        if isinstance(item, Mention):
            last = _sub(element, "persName", text[start:end], ref=f"#{xml_id(item.person)}")
        elif item.kind == "elision":
            last = _sub(element, "gap", reason="editorial")
            _sub(last, "desc", text[start:end])
        else:
            last = _sub(element, "note", text[start:end], type="editorial")
        pos = end
    put(text[pos:])
