"""People: every name resolves to one canonical person, in the documented order, or is reported."""

from pathlib import Path

from builder.pipeline import parse_corpus

PRINT_HEAD = "Select font Arial Times New Roman\nCharacter spacing (Kerning): Standard Medium Large\nДокумент /\n"


def corpus(tmp_path: Path, seeds: dict[str, str], people: str | None = None):
    for name, text in seeds.items():
        (tmp_path / name).write_text(text, "utf-8")
    if people is not None:
        (tmp_path / "people.yml").write_text(people, "utf-8")
    return parse_corpus(tmp_path)


def transcript(body: str, date: str = "June 4, 2025") -> str:
    return PRINT_HEAD + "The President held a meeting with Government members.\n" + body + f"\n{date}, The Kremlin, Moscow\n"


def mentions(report, doc_index: int = 0) -> list[tuple[str, str]]:
    doc = report.documents[doc_index]
    return [(p.text[m.start:m.end], m.person) for _, p in doc.paragraphs() for m in p.mentions]


def test_courtesy_forms_resolve_to_a_speaker_of_the_same_document(tmp_path):
    report = corpus(tmp_path, {"a.txt": transcript(
        "President of Russia Vladimir Putin: Mr Lavrov, please.\n"
        "Foreign Minister Sergei Lavrov: Thank you, Mr President. Ms Golikova agrees.\n"
        "Deputy Prime Minister Tatyana Golikova: Yes. Dr Roshal too.\n"
        "President of the Research Institute Leonid Roshal:\nIndeed, Lavrov is right."
    )})
    assert mentions(report) == [
        ("Mr Lavrov", "sergei-lavrov"), ("Mr President", "vladimir-putin"), ("Ms Golikova", "tatyana-golikova"),
        ("Dr Roshal", "leonid-roshal"), ("Lavrov", "sergei-lavrov"),
    ]
    assert [t.speaker for t in report.documents[0].turns] == ["vladimir-putin", "sergei-lavrov", "tatyana-golikova", "leonid-roshal"]
    assert not report.problems


def test_spelling_variants_of_a_given_name_are_one_person_across_documents(tmp_path):
    report = corpus(tmp_path, {
        "a.txt": transcript("Vladimir Putin: I spoke to Yury Borisov today."),
        "b.txt": "# Borisov dismissed\n\nFebruary 6, 2025\n\nYuri Borisov left. Borisov was replaced.\n",
    })
    assert {pid for _, pid in mentions(report, 0)} | {pid for _, pid in mentions(report, 1)} == {"yury-borisov"}
    assert "Yuri Borisov" in report.people["yury-borisov"].other_names


def test_a_surname_alone_is_linked_only_once_the_person_is_known_in_that_document(tmp_path):
    report = corpus(tmp_path, {
        "a.txt": transcript("Vladimir Putin: Dmitry Peskov said so."),
        "b.txt": transcript("Vladimir Putin: Peskov said so.", date="June 5, 2025"),
    })
    by_title = {d.source.file: d for d in report.documents}
    assert [m.person for _, p in by_title["a.txt"].paragraphs() for m in p.mentions] == ["dmitry-peskov"]
    assert [m.person for _, p in by_title["b.txt"].paragraphs() for m in p.mentions] == []


def test_mr_with_an_unknown_surname_is_a_warning_not_a_guess(tmp_path):
    report = corpus(tmp_path, {"a.txt": transcript("Vladimir Putin: I would like to ask Mr Grigorenko to help.")})
    assert mentions(report) == []
    [problem] = report.problems
    assert (problem.path, problem.line, problem.code) == ("a.txt", 5, "unresolved-name")
    assert "Mr Grigorenko" in problem.message and "people.yml" in problem.message


def test_the_people_file_resolves_a_surname_the_text_never_completes(tmp_path):
    report = corpus(
        tmp_path,
        {"a.txt": transcript("Vladimir Putin: I would like to ask Mr Grigorenko to help.")},
        people="- name: Dmitry Grigorenko\n  roles:\n    - title: Deputy Prime Minister\n      start: 2020-01-21\n",
    )
    assert mentions(report) == [("Mr Grigorenko", "dmitry-grigorenko")]
    assert report.people["dmitry-grigorenko"].roles[0].source == "curated"


def test_a_surname_shared_by_two_people_of_the_document_is_ambiguous(tmp_path):
    report = corpus(tmp_path, {"a.txt": transcript(
        "Vladimir Putin: Alexander Novak and Pavel Novak are here. Mr Novak, please."
    )})
    assert ("Mr Novak", "alexander-novak") not in mentions(report)
    assert [p.code for p in report.problems] == ["ambiguous-name"]


def test_mr_minister_is_the_next_speaker_when_a_minister(tmp_path):
    report = corpus(tmp_path, {"a.txt": transcript(
        "Vladimir Putin: Mr Minister, you have the floor.\nMinister of Health Mikhail Murashko: Thank you."
    )})
    assert mentions(report) == [("Mr Minister", "mikhail-murashko")]


def test_labels_and_tooltips_give_dated_roles_with_their_source(tmp_path):
    report = corpus(tmp_path, {"a.txt": transcript("Minister of Health Mikhail Murashko: Thank you.")})
    [role] = report.people["mikhail-murashko"].roles
    assert (role.title, role.date, role.source) == ("Minister of Health", "2025-06-04", "label")
    assert role.document == report.documents[0].id


def test_a_broken_people_file_is_reported_with_its_line_and_the_build_goes_on(tmp_path):
    report = corpus(tmp_path, {"a.txt": transcript("Vladimir Putin: Hello.")}, people="- name: A B\n- [unclosed\n")
    assert report.documents
    [problem] = report.problems
    assert problem.path == "people.yml" and problem.line == 2 and problem.severity == "error"
