"""kremlin.ru name tooltips: the visible name stays, the tooltip goes, its role is kept."""

from builder.clean import TOOLTIP_NAME, normalise_spaces, repair_tooltips
from builder.model import Line


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
    text, tips, _ = repaired("Mr Mishustin Mishustin Mikhail Mishustin MikhailPrime Minister of the Russian Federation and Mr Manturov said")
    assert text == "Mr Mishustin and Mr Manturov said"
    assert tips[0].role == "Prime Minister of the Russian Federation"


def test_a_repeated_name_without_a_tooltip_shape_is_left_alone():
    for text in ["Borisov Yury said that Borisov Yury was right", "Yury Borisov met Borisov on Monday"]:
        assert repaired(text)[0] == text
        assert TOOLTIP_NAME.search(" " + text) is None or not repaired(text)[1]
