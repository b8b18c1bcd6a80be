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
    assert not [p for p in report.problems if p.code != "no-source-url"]  # a print view pasted: no link


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


# ---------------------------------------------------------------- speakers in every form
# Built straight from turns (as the turn stage gives them), so that these rules hold whatever the label grammar reads.


def document(turns: list[tuple[str | None, str | None, str]], date: str = "2015-06-04", tooltips=(), file: str = "a.txt"):
    from builder.model import Document, Paragraph, Source, Turn
    from builder.turns.parse import editorial_marks

    built = []
    for number, (name, role, text) in enumerate(turns, start=1):
        label = " ".join(x for x in (role, name) if x) or None
        built.append(Turn(number, number, label, name, role, (Paragraph(f"p{number}", number, text, editorial_marks(text)),)))
    return Document(file.removesuffix(".txt"), "transcript", "Meeting", date, None, None, None,
                    Source(file, "0" * 64, None, None), (), tuple(built), "test", tooltips=tuple(tooltips))


def resolved(docs, people: str | None = None, tmp_path: Path | None = None):
    from builder import people as stage

    registry = stage.Registry()
    if people and tmp_path:
        (tmp_path / "people.yml").write_text(people, "utf-8")
        registry = stage.load_curated(tmp_path / "people.yml")
    stage.collect(registry, docs)
    results = [stage.resolve(registry, doc) for doc in docs]
    return [doc for doc, _ in results], [p for _, problems in results for p in problems], stage.people_of(registry)


def turn_mentions(doc) -> list[tuple[str, str]]:
    return [(p.text[m.start:m.end], m.person) for _, p in doc.paragraphs() for m in p.mentions]


def test_a_surname_alone_or_an_initial_and_a_surname_is_the_speaker_of_that_document_with_that_surname():
    [doc], problems, _ = resolved([document([
        ("Vladimir Putin", "President of Russia", "Good afternoon."),
        ("Sergei Ivanov", "Chief of Staff", "Thank you."),
        ("Putin", None, "Go on."), ("V. Putin", None, "Yes."), ("V.Putin", None, "Good."), ("Ivanov", None, "Done."),
    ])])
    assert [t.speaker for t in doc.turns] == ["vladimir-putin", "sergei-ivanov"] + ["vladimir-putin"] * 3 + ["sergei-ivanov"]
    assert not problems


def test_an_initial_that_fits_no_one_of_that_surname_is_reported_not_guessed():
    [doc], problems, _ = resolved([document([("Sergei Ivanov", "Chief of Staff", "Thank you."), ("A. Ivanov", None, "Hello.")])])
    assert doc.turns[1].speaker is None
    assert [p.code for p in problems] == ["unresolved-name"] and "A. Ivanov" in problems[0].message


def test_a_surname_alone_falls_back_to_the_one_person_of_the_registry_with_it_else_is_a_person_known_by_that_name():
    docs, problems, _ = resolved([
        document([("Dmitry Peskov", "Press Secretary", "Good afternoon.")], file="a.txt"),
        document([("Peskov", None, "Good afternoon."), ("Lavrov", None, "Hello.")], file="b.txt"),
    ])
    assert [t.speaker for t in docs[1].turns] == ["dmitry-peskov", "lavrov"]
    assert [(p.path, p.code, p.severity) for p in problems] == [("b.txt", "partial-name", "notice")]


def test_a_name_written_family_name_first_is_the_same_person():
    from builder.model import Tooltip

    docs, _, people = resolved([
        document([("Shinzo Abe", "Prime Minister of Japan", "Thank you."), ("Abe Shinzo", None, "Yes.")], file="a.txt"),
        document([("Vladimir Putin", None, "Mr Xi, President Xi Jinping, welcome.")], file="b.txt",
                 tooltips=[Tooltip(1, "Xi", "Jinping", "Xi", "President of the People’s Republic of China")]),
    ])
    assert [t.speaker for t in docs[0].turns] == ["shinzo-abe", "shinzo-abe"]
    assert {pid for _, pid in turn_mentions(docs[1])} == {people_id for people_id in people if people[people_id].name == "Xi Jinping"}
    assert [p.name for p in people.values()].count("Xi Jinping") == 1  # the tooltip's "Jinping Xi" and the text's "Xi Jinping" are one


def test_a_name_inside_an_editorial_insertion_is_a_mention_that_holds_the_whole_insertion():
    [doc], _, _ = resolved([document([
        ("Vladimir Putin", "President of Russia", "I asked Mr [Sergei] Lavrov. [Foreign Minister Sergei] Lavrov agreed."),
    ])])
    assert turn_mentions(doc) == [("Mr [Sergei] Lavrov", "sergei-lavrov"), ("[Foreign Minister Sergei] Lavrov", "sergei-lavrov")]
    assert doc.turns[0].paragraphs[0].text == "I asked Mr [Sergei] Lavrov. [Foreign Minister Sergei] Lavrov agreed."


def test_mr_president_is_the_president_of_russia_of_that_date_when_he_speaks():
    docs, problems, _ = resolved([
        document([("Dmitry Medvedev", None, "Go on."), ("Vladimir Putin", "Prime Minister", "Thank you, Mr President.")], date="2010-03-01", file="a.txt"),
        document([("Vladimir Putin", None, "Go on."), ("Dmitry Medvedev", "Prime Minister", "Thank you, Mr President.")], date="2015-03-01", file="b.txt"),
    ])
    assert turn_mentions(docs[0]) == [("Mr President", "dmitry-medvedev")]
    assert turn_mentions(docs[1]) == [("Mr President", "vladimir-putin")]
    assert not problems


def test_mr_president_said_by_the_president_of_russia_is_the_foreign_head_of_state():
    docs, problems, _ = resolved([
        document([("Vladimir Putin", "President of Russia", "Mr President, welcome."),
                  ("Sauli Niinistö", "President of Finland", "Thank you, Mr President.")], file="a.txt"),
        document([("Vladimir Putin", "President of Russia", "Mr President, welcome. President of Gazprombank Andrei Akimov is here.")],
                 file="b.txt"),
    ])
    assert turn_mentions(docs[0]) == [("Mr President", "sauli-niinisto"), ("Mr President", "vladimir-putin")]
    assert ("Mr President", "andrei-akimov") not in turn_mentions(docs[1])  # a bank's president heads no state
    assert [(p.path, p.code) for p in problems] == [("b.txt", "unresolved-name")]


def test_two_people_of_one_surname_in_a_document_stay_two_and_the_surname_alone_is_ambiguous():
    [doc], problems, people = resolved([document([
        ("Vladimir Putin", "President of Russia", "Nikolai Patrushev and Dmitry Patrushev are here. Mr Patrushev, please."),
    ])])
    assert {"nikolai-patrushev", "dmitry-patrushev"} <= set(people)
    assert ("Mr Patrushev", "nikolai-patrushev") not in turn_mentions(doc)
    assert [p.code for p in problems] == ["ambiguous-name"]


def test_a_misspelt_given_name_beside_a_known_surname_is_the_known_person_with_a_notice():
    [doc], problems, people = resolved([document([
        ("Vladimir Putin", "President of Russia", "Good afternoon."), ("Sergei Shoigu", "Defence Minister", "Thank you."),
        ("Vladmir Putin", None, "Thank you."),
    ])])
    assert doc.turns[2].speaker == "vladimir-putin" and "vladmir-putin" not in people
    assert "Vladmir Putin" in people["vladimir-putin"].other_names
    [notice] = problems
    assert (notice.code, notice.severity, notice.line) == ("name-variant", "notice", 3)


def test_people_whose_names_are_alike_but_different_stay_apart():
    [doc], _, people = resolved([document([
        ("Vladimir Putin", "President of Russia", "Alexander Novak and Alexander Novikov are here; so are Alexandra Ivanova and Alexander Ivanov."),
    ])])
    assert {"alexander-novak", "alexander-novikov", "alexandra-ivanova", "alexander-ivanov"} <= set(people)


def test_sergei_and_sergey_ivanov_are_one_person():
    [doc], problems, people = resolved([document([
        ("Sergei Ivanov", "Chief of Staff", "Thank you."), ("Vladimir Putin", None, "Sergey Ivanov will report."),
    ])])
    assert turn_mentions(doc) == [("Sergey Ivanov", "sergei-ivanov")]
    assert not problems  # a known spelling variant, not a misspelling


def test_mr_with_a_surname_is_never_a_woman_and_typos_do_not_make_it_ambiguous():
    docs, problems, _ = resolved([
        document([("Vladimir Putin", "President of Russia", "Lyudmila Putin came too."), ("Vlaidmir Putin", None, "Yes.")], file="a.txt"),
        document([("Sergei Lavrov", "Foreign Minister", "Mr Putin will decide.")], file="b.txt"),
    ])
    assert turn_mentions(docs[1]) == [("Mr Putin", "vladimir-putin")]
    assert [p.code for p in problems] == ["name-variant"]


def test_a_source_misname_is_corrected_in_the_people_file_not_in_code(tmp_path):
    people = "- name: Dmitry Grigorenko\n  other_names: [Dmitry Grigorenkov]\n"
    [doc], problems, registry = resolved([document([("Vladimir Putin", None, "Dmitry Grigorenkov will report.")])], people, tmp_path)
    assert turn_mentions(doc) == [("Dmitry Grigorenkov", "dmitry-grigorenko")]
    assert "dmitry-grigorenkov" not in registry and not problems


def test_a_name_spelt_with_or_without_accents_is_one_person():
    [doc], _, people = resolved([document([("Sauli Niinistö", "President of Finland", "Thank you."), ("Vladimir Putin", None, "Sauli Niinisto agrees.")])])
    assert turn_mentions(doc) == [("Sauli Niinisto", "sauli-niinisto")]


def test_any_name_word_before_a_surname_the_document_writes_after_mr_is_a_full_name():
    [doc], problems, people = resolved([document([
        (None, None, "Vladimir Putin met Jacques Chirac. President Chirac spoke first, then Mr Chirac listened. Today Chirac left."),
    ])])
    assert "jacques-chirac" in people and "today-chirac" not in people and "president-chirac" not in people
    assert ("Mr Chirac", "jacques-chirac") in turn_mentions(doc) and not problems


def test_an_office_addressed_is_the_one_person_of_the_document_with_that_title_or_nothing():
    [doc], problems, _ = resolved([document([
        ("Vladimir Putin", "President of Russia", "Mr Prime Minister, please."), ("Dmitry Medvedev", "Prime Minister", "Thank you."),
        ("Vladimir Putin", None, "Mr Chancellor is not here."),
    ])])
    assert turn_mentions(doc)[0] == ("Mr Prime Minister", "dmitry-medvedev")
    assert not problems  # "Mr Chancellor" with no chancellor here: an office, not a name, so no warning


def test_titles_and_institutions_beside_a_name_word_make_no_person():
    from builder.model import Tooltip

    [doc], _, people = resolved([document([
        ("Vladimir Putin", "President of Russia", "Mr Chirac, Roman Kopin and the Roman Catholic Church; Presidents Chirac and Putin."),
    ], tooltips=[Tooltip(1, "Roman Kopin", "Roman", "Kopin", "Governor of Chukotka")])])
    assert "roman-kopin" in people
    assert not {"roman-catholic", "presidents-chirac"} & set(people)


def test_a_registry_entry_keeps_each_name_once_and_a_role_once_per_title_and_document():
    from builder.model import Role
    from builder.people import Registry

    registry = Registry()
    pid = registry.add("Sergei Lavrov", stated=True)
    assert registry.add("Lavrov Sergei") == pid and registry.add("Sergei Lavrov") == pid
    entry = registry.people[pid]
    for role in (Role("Foreign Minister", "2025-06-04", "d1", "tooltip"), Role("Foreign Minister", "2025-06-04", "d1", "label"),
                 Role("Foreign Minister", "2025-06-05", "d2", "label")):
        entry.add_role(role)
    assert entry.names == ["Sergei Lavrov", "Lavrov Sergei"] and entry.stated
    assert [(r.document, r.source) for r in entry.roles] == [("d1", "tooltip"), ("d2", "label")]
    assert registry.surnames(pid) == {"Lavrov"}
