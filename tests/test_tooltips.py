"""kremlin.ru name tooltips: the visible name stays, the tooltip goes, its role is kept."""

from builder.model import Line
from builder.profiles.clean import TOOLTIP_NAME, normalise_spaces, repair_tooltips


def repaired(text: str):
    line, tooltips, removals = repair_tooltips(Line(7, text))
    return normalise_spaces(line.text), tooltips, removals


def test_a_tooltip_after_a_full_name_is_removed_and_its_role_kept():
    text, tips, removed = repaired(
        "in\u00a0contact with Yury Borisov Borisov Yury Borisov YurySpecial Representative of the President "
        "for International Cooperation in Space Exploration . I\u00a0have"
    )
    assert text == "in contact with Yury Borisov. I have"
    assert [(t.visible, t.given, t.surname, t.role, t.line) for t in tips] == [
        ("Yury Borisov", "Yury", "Borisov",
         "Special Representative of the President for International Cooperation in Space Exploration", 7)
    ]
    assert removed[0].reason == "name tooltip"
    assert removed[0].text.startswith("Borisov Yury Borisov Yury")


def test_a_tooltip_inside_a_speaker_label_leaves_the_label_intact():
    text, tips, _ = repaired(
        "Director General of\u00a0the\u00a0Roscosmos State Corporation Dmitry Bakanov Bakanov Dmitry Bakanov "
        "DmitryGeneral Director of the Roscosmos State Corporation for Space Activities : Mr President, first"
    )
    assert text == "Director General of the Roscosmos State Corporation Dmitry Bakanov: Mr President, first"
    assert tips[0].role == "General Director of the Roscosmos State Corporation for Space Activities"


def test_a_tooltip_after_a_courtesy_form_ends_where_the_body_text_resumes():
    text, tips, _ = repaired(
        "As\u00a0instructed by\u00a0Mr Mishustin Mishustin Mikhail Mishustin MikhailPrime Minister of the Russian "
        "Federation and\u00a0Mr Manturov Manturov Denis Manturov DenisFirst Deputy Prime Minister of the Government "
        "of the Russian Federation , I\u00a0will"
    )
    assert text == "As instructed by Mr Mishustin and Mr Manturov, I will"
    assert [(t.visible, t.given, t.role) for t in tips] == [
        ("Mr Mishustin", "Mikhail", "Prime Minister of the Russian Federation"),
        ("Mr Manturov", "Denis", "First Deputy Prime Minister of the Government of the Russian Federation"),
    ]


def test_a_tooltip_ends_before_a_plain_space_and_a_small_word_too():
    text, tips, _ = repaired(
        "Mr Mishustin Mishustin Mikhail Mishustin MikhailPrime Minister of the Russian Federation and Mr Manturov said"
    )
    assert text == "Mr Mishustin and Mr Manturov said"
    assert tips[0].role == "Prime Minister of the Russian Federation"


def test_a_repeated_name_without_a_tooltip_shape_is_left_alone():
    for text in ["Borisov Yury said that Borisov Yury was right", "Yury Borisov met Borisov on Monday"]:
        assert repaired(text)[0] == text
        assert TOOLTIP_NAME.search(" " + text) is None or not repaired(text)[1]


def test_a_tooltip_with_no_role_goes_and_leaves_the_label_whole():
    text, tips, removed = repaired("Russian Railways CEO Vladimir Yakunin Yakunin Vladimir Yakunin Vladimir : Six tunnels")
    assert text == "Russian Railways CEO Vladimir Yakunin: Six tunnels"
    assert tips == [] and removed[0].text == "Yakunin Vladimir Yakunin Vladimir"
    text, _, _ = repaired("Minister of Transport Maxim Sokolov Sokolov Maxim Sokolov Maxim : Mr President")
    assert text == "Minister of Transport Maxim Sokolov: Mr President"


def test_the_reversed_name_of_a_tooltip_is_never_the_visible_text():
    text, tips, _ = repaired("talks with Xi Jinping Xi Jinping Xi JinpingPresident of China , and")
    assert text == "talks with Xi Jinping, and"
    assert [(t.visible, t.surname, t.given) for t in tips] == [("Xi Jinping", "Xi", "Jinping")]
    text, tips, _ = repaired("The President of Finland, Mr Sauli Niinisto Niinistö Sauli Niinistö SauliPresident of Finland , and I")
    assert text == "The President of Finland, Mr Sauli Niinisto, and I"
    assert tips[0].visible == "Sauli Niinisto"


def test_a_tooltip_title_of_several_given_names_or_a_particle_is_one_tooltip():
    text, tips, _ = repaired(
        "President of Turkey Recep Tayyip Erdogan Erdogan Recep Tayyip Erdogan Recep TayyipPresident of Turkey (retranslated): First"
    )
    assert text == "President of Turkey Recep Tayyip Erdogan (retranslated): First"
    assert (tips[0].given, tips[0].surname, tips[0].role) == ("Recep Tayyip", "Erdogan", "President of Turkey")
    text, tips, _ = repaired(
        "Ursula von der Leyen von der Leyen Ursula von der Leyen UrsulaPresident of the European Commission , President"
    )
    assert text == "Ursula von der Leyen, President"
    assert (tips[0].given, tips[0].surname) == ("Ursula", "von der Leyen")


def test_a_role_ended_by_a_stray_space_before_punctuation_may_hold_any_words():
    text, tips, _ = repaired(
        "Bank Elvira Nabiullina Nabiullina Elvira Nabiullina ElviraGovernor of the Central Bank of the Russian Federation"
        " (Bank of Russia) : Overall"
    )
    assert text == "Bank Elvira Nabiullina: Overall"
    assert tips[0].role == "Governor of the Central Bank of the Russian Federation (Bank of Russia)"


def test_a_role_with_no_punctuation_after_it_keeps_the_words_that_follow():
    text, tips, _ = repaired(
        "General Yury Chaika Chaika Yury Chaika YuryPresidential Plenipotentiary Envoy to the North Caucasus Federal District"
        " to monitor the schools"
    )
    assert text == "General Yury Chaika to monitor the schools"


def test_a_title_of_office_in_the_tooltip_goes_without_a_tooltip_record():
    text, tips, _ = repaired(
        "Ruling Prince of Monaco Albert II Ruling Prince of Monaco Albert II Ruling Prince of Monaco Albert II (retranslated): Mr"
    )
    assert text == "Ruling Prince of Monaco Albert II (retranslated): Mr"
    assert tips == []


def test_a_glossary_tooltip_leaves_only_its_term():
    for text, expected in [
        ("the Supreme State Council Background information Supreme State Council and", "the Supreme State Council and"),
        ("heads of the CSTO Background information Collective Security Treaty Organisation (CSTO) member states",
         "heads of the CSTO member states"),
        ("the Customs Union Background information Customs Union between Russia, Belarus, and Kazakhstan .", "the Customs Union."),
        ("working on BRICS Background information BRICS ' success", "working on BRICS' success"),
    ]:
        assert repaired(text)[0] == expected
