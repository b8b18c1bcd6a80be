"""Speaker labels: which colons open a turn and which belong to the text."""

import pytest

from builder.labels import parse_label


@pytest.mark.parametrize(
    ("line", "name", "role"),
    [
        ("President of Russia Vladimir Putin: Colleagues, good afternoon.", "Vladimir Putin", "President of Russia"),
        ("Vladimir Putin: Thank you.", "Vladimir Putin", None),
        ("Russian Railways CEO – Chairman of the Executive Board Oleg Belozerov: Mr President, colleagues,",
         "Oleg Belozerov", "Russian Railways CEO – Chairman of the Executive Board"),
        ("Minister of Digital Development, Communications and Mass Media Maksut Shadayev: Good afternoon.",
         "Maksut Shadayev", "Minister of Digital Development, Communications and Mass Media"),
        ("Deputy Prime Minister Tatyana Golikova: Mr President, colleagues,", "Tatyana Golikova", "Deputy Prime Minister"),
        ("Recep Tayyip Erdogan (retranslated): Thank you.", "Recep Tayyip Erdogan", None),
        ("Moderator (Fyodor Lukyanov): Good evening.", "Fyodor Lukyanov", "Moderator"),
    ],
)
def test_a_role_and_name_before_a_colon_is_a_speaker_label(line, name, role):
    found = parse_label(line)
    assert (found.name, found.role) == (name, role)
    assert line.startswith(found.label)


def test_a_label_may_stand_alone_on_its_line():
    found = parse_label("President of the Research Institute for Emergency Children’s Surgery and Traumatology Leonid Roshal:")
    assert found is not None
    assert found.name == "Leonid Roshal"
    assert found.rest is None


@pytest.mark.parametrize("line", ["Question: Mr President, what now?", "Question (retranslated): And then?", "Moderator: Please."])
def test_a_generic_label_opens_a_turn_with_no_person(line):
    found = parse_label(line)
    assert found.name is None and found.rest


@pytest.mark.parametrize(
    "line",
    [
        "The first attack occurred at 10:33 p.m. on May 31, 2025, at the 43rd kilometre.",
        "As a result, 122 individuals were affected. Tragically, seven people lost their lives: the train driver and six passengers.",
        "It is rare to have this opportunity, and I want to say this, Mr President: I have seen many health ministers.",
        "A decision was made to use Russian Railways’ charitable funds to provide financial support as follows: 2.2 million rubles.",
        "When it comes to humanitarian issues, we agreed on the following:",
        "Mr President: thank you.",
        "Deputy Prime Minister: yes.",
        "10:33 p.m.",
        "Note: this is not a speaker.",
    ],
)
def test_a_colon_in_running_prose_or_a_time_is_not_a_speaker_label(line):
    assert parse_label(line) is None


def test_time_of_day_colon_is_not_a_speaker_label():
    assert parse_label("10:33 p.m. on May 31") is None


# Real lines of en.kremlin.ru transcripts (the development corpus, text dumps and bold labels of its HTML).
@pytest.mark.parametrize(
    ("line", "name", "role"),
    [
        # Capitals, as older pages and Government transcripts write them: shown as written, read as the name they spell.
        ("PRESIDENT OF RUSSIA VLADIMIR PUTIN: Good afternoon.", "Vladimir Putin", "PRESIDENT OF RUSSIA"),
        ("Labour and Social Protection MINISTER MAXIM TOPILIN: Mr President, colleagues,", "Maxim Topilin",
         "Labour and Social Protection MINISTER"),
        ("President OF RUSSIA DMITRY MEDVEDEV: I think this forum that has opened", "Dmitry Medvedev", "President OF RUSSIA"),
        ("Vladimir PUTIN: I think that we should seek an", "Vladimir Putin", None),
        ("DEPUTY DIRECTOR OF THE BORESKOV INSTITUTE OF CATALYSIS OF THE SIBERIAN BRANCH OF THE RUSSIAN ACADEMY OF SCIENCES"
         " VALERY BUKHTIYAROV: Hello, Mr President,", "Valery Bukhtiyarov",
         "DEPUTY DIRECTOR OF THE BORESKOV INSTITUTE OF CATALYSIS OF THE SIBERIAN BRANCH OF THE RUSSIAN ACADEMY OF SCIENCES"),
        # Words a scrape glued together; an initial before the surname.
        ("VladimirPutin: What are the legal areas in need of bolstering in your opinion?", "Vladimir Putin", None),
        ("SergeiDonskoy: Yes.", "Sergei Donskoy", None),
        ("VLADIMIRPUTIN: Thank you.", "Vladimir Putin", None),
        ("ARGUMENTY I FAKTY EDITOR-IN-CHIEF IGOR CHERNYAK: This year", "Igor Chernyak", "ARGUMENTY I FAKTY EDITOR-IN-CHIEF"),
        ("VALERIYA KORABLEVA, REPORTER AT CHANNEL ONE: Good afternoon.", "Valeriya Korableva", "REPORTER AT CHANNEL ONE"),
        ("Healthcare Minister Mikhail Murashko:Good afternoon.", "Mikhail Murashko", "Healthcare Minister"),
        ("V.Putin: Friends, allow me to congratulate", "V. Putin", None),
        ("E. Choinozov: Good day, Mr President!", "E. Choinozov", None),
        ("D.MEDVEDEV: Good afternoon, colleagues.", "D. Medvedev", None),
        # Hosts and moderators: roles in lower case, with commas, the name at the end or first.
        ("Direct line host Valeriya Korableva: I would like to tell you briefly", "Valeriya Korableva", "Direct line host"),
        ("Panel moderator, NBC host Megyn Kelly: Welcome, everyone.", "Megyn Kelly", "Panel moderator, NBC host"),
        ("Valeriya Korableva, reporter at Channel One: Good afternoon.", "Valeriya Korableva", "reporter at Channel One"),
        ("Moderator of the plenary session, Fyodor Lukyanov, research director of the Valdai Club: Good evening.",
         "Fyodor Lukyanov", "Moderator of the plenary session, research director of the Valdai Club"),
        ("Programme host Ernest Mackevicius, the moderator: Good evening.", "Ernest Mackevicius", "Programme host, the moderator"),
        ("Konstantin Sivoronov, head of the acute toxic exposure department: Emergencies Ministry employee",
         "Konstantin Sivoronov", "head of the acute toxic exposure department"),
        ("chairman of the Russian Independent Trade Union of Coalminers Ivan Mokhnachuk: Mr President, I have several questions.",
         "Ivan Mokhnachuk", "chairman of the Russian Independent Trade Union of Coalminers"),
        ("Argumenty i Fakty Editor-in-Chief Igor Chernyak: This year our relations", "Igor Chernyak", "Argumenty i Fakty Editor-in-Chief"),
        ("Plenipotentiary Presidential Envoy to the Volga District and Chairman of the State Commission for Chemical Disarmament"
         " Mikhail Babich: Mr President,", "Mikhail Babich",
         "Plenipotentiary Presidential Envoy to the Volga District and Chairman of the State Commission for Chemical Disarmament"),
        # Foreign names: particles, diacritics, several given names, family name first.
        ("Federal President of the Republic of Austria Alexander Van der Bellen (retranslated): Mr President,",
         "Alexander Van der Bellen", "Federal President of the Republic of Austria"),
        ("President of Syria Bashar al-Assad: It is good to see you, Mr President.", "Bashar al-Assad", "President of Syria"),
        ("President of Turkey Recep Tayyip Erdoğan (retranslated): Mr President,", "Recep Tayyip Erdoğan", "President of Turkey"),
        ("Jörg Schönenborn (retranslated): Good evening, Mr President,", "Jörg Schönenborn", None),
        ("President of the Union of European Football Associations Alexander Čeferin: Thank you.", "Alexander Čeferin",
         "President of the Union of European Football Associations"),
        ("First President of Kazakhstan Nursultan Nazarbayev: I award the Order", "Nursultan Nazarbayev", "First President of Kazakhstan"),
        ("President of the People’s Republic of China Xi Jinping: It is a real pleasure", "Xi Jinping",
         "President of the People’s Republic of China"),
        ("President of South Korea Moon Jae-in (retranslated): Thank you very much", "Moon Jae-in", "President of South Korea"),
        ("Ruling Prince of Monaco Albert II (retranslated): Mr President,", "Albert II", "Ruling Prince of Monaco"),
        ("Prime Minister of Great Britain Theresa May: Thank you very much for your welcome", "Theresa May",
         "Prime Minister of Great Britain"),
        # Notes between the name and the colon, however long.
        ("Vladimir Putin (answering a question from Southern Federal University Rector Marina Borovskaya about the role of"
         " education in upward social mobility): Education is", "Vladimir Putin", None),
        ("Vladimir Putin (addressing the Governor): Good.", "Vladimir Putin", None),
        ("Sergei Lavrov [in English]: Thank you.", "Sergei Lavrov", None),
        ("Prime Minister of Turkey Ahmet Davutoglu (back translation): Mr President,", "Ahmet Davutoglu", "Prime Minister of Turkey"),
        ("Chinese Foreign Minister Wang Yi (via interpreter): Thank you", "Wang Yi", "Chinese Foreign Minister"),
        ("Mr. Lavrov: Thank you.", "Lavrov", None),
        # A title, the name, then the place ("of ..."); a caller's first name and town.
        ("King Mohammed VI of Morocco (retranslated): Mr President, I hope", "Mohammed VI", "King of Morocco"),
        ("Patriarch Kirill of Moscow and All Russia: President of the Russian Federation", "Kirill", "Patriarch of Moscow and All Russia"),
        ("Dmitry, Moscow: Good afternoon, Mr President.", "Dmitry", "Moscow"),
        ("Dr. Roshal: I agree.", "Roshal", None),
    ],
)
def test_real_labels_give_the_name_and_role_they_write(line, name, role):
    found = parse_label(line, known=frozenset({"lavrov", "roshal"}))
    assert found is not None, line
    assert (found.name, found.role) == (name, role)
    assert line.startswith(found.label + ":")


@pytest.mark.parametrize(
    "line",
    [
        "Question: Mr President, what now?", "Question (retranslated): I have a question for Mr Putin.", "Q: And then?",
        "A: Yes.", "Response: Yes.", "Reply: No.", "Remark: Thank you.", "Answer: Of course.", "Voice: Bravo!",
        "Voice from the audience: Thank you!", "Question from Perm Territory: Hello, Mr President!",
        "Call centre operator: The city of Kursk.",
        "Audience: Yes!", "QUESTION: What about gas?", "QUESTION FROM IZHEVSK: Hello, my name is Yevgeny.",
    ],
)
def test_anonymous_speakers_open_a_turn_with_no_person(line):
    found = parse_label(line)
    assert found is not None and found.name is None and found.rest


def test_a_reporter_who_names_himself_inside_the_question_is_text_not_a_speaker():
    found = parse_label("Question: Anton Vernitsky, Channel One: Mr President, what about gas?")
    assert (found.label, found.name, found.rest) == ("Question", None, "Anton Vernitsky, Channel One: Mr President, what about gas?")


def test_a_stage_note_after_the_colon_stays_in_the_turns_text():
    found = parse_label("Vladimir Putin: (in English) Thank you very much.")
    assert (found.name, found.rest) == ("Vladimir Putin", "(in English) Thank you very much.")


def test_a_surname_alone_is_a_label_only_once_a_speaker_of_the_document_has_it():
    assert parse_label("Putin: Thank you.") is None
    assert parse_label("Putin: Thank you.", known=frozenset({"putin"})).name == "Putin"
    assert parse_label("President Putin: Thank you.", known=frozenset({"putin"})).name == "Putin"


@pytest.mark.parametrize(
    "line",
    [
        "Mr President, here is my question for you: there are plans to build",
        "Putin: 20 Years (now available at 20.kremlin.ru)",
        "Meeting with Vladimir Putin: the main points",
        "Statements following the meeting:",
        "Publication date: December 8, 2012, 17:00",
        "Direct link: en.kremlin.ru/d/17093",
        "United States: a new approach",
        "Second: we must act.",
        "Thank you. Vladimir Putin: no.",
        "According to Dmitry Peskov: it was agreed.",
        "Vladimir Putin said: we will do it.",
        "A:0",
    ],
)
def test_a_colon_in_a_title_a_menu_or_prose_is_not_a_label(line):
    assert parse_label(line) is None
