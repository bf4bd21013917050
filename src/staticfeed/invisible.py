"""The characters a reader shows as nothing, and where in a value they are dropped.

Unicode lists them as Default_Ignorable_Code_Point (DerivedCoreProperties.txt, the same list from
Unicode 14 to 16): format characters (category Cf) such as a zero-width space, and others that
are no format character yet render as nothing, such as the Hangul fillers (U+3164, which looks
like a space in a name) and the variation selectors (U+FE0F, category Mn). Python's unicodedata
does not carry the property, hence the table.
"""

from __future__ import annotations

import re
import unicodedata

# Marks of text direction: at an end of a value they still place its text (a `!` at the end of
# a Hebrew title), so they are never dropped; a value of them alone shows nothing all the same.
_DIRECTION = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"

# Characters that extend the one before them into a variant of it (Grapheme_Cluster_Break=Extend
# in Unicode's text segmentation, UAX #29): an emoji's presentation (🚀 and U+FE0F), a variant
# of an ideograph in a Japanese name (U+E0100 and on), a Mongolian letter's form. Each makes a
# variation sequence only after a base of its kind (StandardizedVariants.txt, the Ideographic
# Variation Database); after another character it selects nothing, and shows nothing.
_SELECTORS = "\ufe00-\ufe0f"
_IDEOGRAPHIC_SELECTORS = "\U000e0100-\U000e01ef"
_MONGOLIAN_SELECTORS = "\u180b-\u180d\u180f"
# Extenders that make no variant at all: the combining grapheme joiner, and Khmer's two
# inherent vowels, which Unicode says not to use.
_NO_VARIANT = "\u034f\u17b4\u17b5"
_EXTENDERS = _SELECTORS + _IDEOGRAPHIC_SELECTORS + _MONGOLIAN_SELECTORS + _NO_VARIANT

# The tag characters, which extend one character alone: the waving black flag, into the flag
# of England, Scotland or Wales (🏴, the letters of "gbeng" as tags, a cancel tag: UTS #51's
# emoji_tag_sequence, whose only valid base is U+1F3F4). After another character they show
# nothing, as a reader draws that character alone ("0" with a tag space after it).
_TAGS = "\U000e0020-\U000e007f"
_TAG_BASE = "\U0001f3f4"
# tag_spec tag_end: a cancel tag ends the sequence. (No backtracking to fear: the two classes
# do not overlap.)
_TAG_SEQUENCE = re.compile("\ufe0f?[\U000e0020-\U000e007e]+\U000e007f")

# The Hangul fillers that make a syllable with no initial consonant (U+115F, before a vowel) or
# no vowel (U+1160, after an initial consonant): inside such a syllable they belong to old
# Korean text; beside no jamo they show nothing, nor in a syllable of fillers alone (U+115F
# U+1160, which Unicode's syllable rules join as an initial and a vowel: "news" and "news"
# followed by the pair were two tag feeds), unless a final consonant follows (U+11A8 on).
_INITIAL_FILLER, _VOWEL_FILLER = "\u115f", "\u1160"
_INITIALS = "\u1100-\u115f\ua960-\ua97c"
_VOWELS = "\u1160-\u11a7\ud7b0-\ud7c6"
_FINALS = "\u11a8-\u11ff\ud7cb-\ud7fb"

# The other default-ignorable characters, which show nothing wherever they are.
_NOTHING = (
    "\u00ad\u180e\u200b-\u200d\u2060-\u2065\u206a-\u206f\u3164\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e001f\U000e0080-\U000e00ff"
    "\U000e01f0-\U000e0fff"
)


def _chars(ranges: str) -> frozenset[str]:
    """The characters of a regular expression's class such as `a-cx`."""
    found = re.findall(r"(.)-(.)|(.)", ranges, re.DOTALL)
    return frozenset(
        chr(code)
        for first, last, alone in found
        for code in (range(ord(first), ord(last) + 1) if first else (ord(alone),))
    )


_DROPPED = _chars(_NOTHING + _EXTENDERS + _TAGS)
_ANY_BASE = _chars(_SELECTORS)
_IDEOGRAPH_BASE = _chars(_IDEOGRAPHIC_SELECTORS)
_MONGOLIAN_BASE = _chars(_MONGOLIAN_SELECTORS)
_INITIAL, _VOWEL, _FINAL = _chars(_INITIALS), _chars(_VOWELS), _chars(_FINALS)

AT_ENDS = _DROPPED | {_INITIAL_FILLER, _VOWEL_FILLER}
"""The characters `without_ends` may drop: the ignorable ones but the marks of direction."""
_IGNORABLE = AT_ENDS | _chars(_DIRECTION)


def without_ends(value: str) -> str:
    """`value` without the ignorable characters at either end that show nothing there: all of
    them but the marks of direction, an extender after a character it makes a variant of, and
    a Hangul filler within its syllable. (A loop, not a regular expression searched for at the
    end, which took a second for 5,000 spaces inside a value.)"""
    start, end = 0, len(value)
    while start < end and _nothing_first(value, start):
        start += 1
    while end > start and _nothing_last(value, end - 1):
        end -= 1
    # No variation sequence of Unicode has an ASCII letter for its base (StandardizedVariants.txt,
    # emoji-variation-sequences.txt): a selector after one selects nothing, as after a space.
    if end > start and not (value[end - 1].isascii() and value[end - 1].isalpha()):
        end = _past_extenders(value, end)
    return value[start:end]


def _past_extenders(value: str, end: int) -> int:
    """Where the character before `end` ends with what extends it into a variant of it: the
    extenders after it, or after a waving black flag the tags of a flag."""
    if value[end - 1] == _TAG_BASE and (flag := _TAG_SEQUENCE.match(value, end)):
        return flag.end()
    base = value[end - 1]
    while end < len(value) and _selects_a_form(value[end], base):
        end += 1
    return end


def _selects_a_form(extender: str, base: str) -> bool:
    """Whether `extender` after `base` makes a variation sequence Unicode may define: any
    selector from U+FE00 to U+FE0F (a digit's keycap, a math symbol's or an emoji's form), one
    from U+E0100 after an ideograph, a Mongolian one after a Mongolian letter."""
    if extender in _ANY_BASE:
        return True
    if extender in _IDEOGRAPH_BASE:
        return unicodedata.name(base, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY"))
    return extender in _MONGOLIAN_BASE and "\u1800" <= base <= "\u18af"


def _nothing_first(value: str, at: int) -> bool:
    char = value[at]
    if char == _INITIAL_FILLER:
        return not _shows_a_jamo(_syllable_from(value, at))
    return char in AT_ENDS or char.isspace()


def _nothing_last(value: str, at: int) -> bool:
    char = value[at]
    if char == _VOWEL_FILLER:
        return not _shows_a_jamo(_initials_before(value, at))
    return char in AT_ENDS or char.isspace()


def _syllable_from(value: str, at: int) -> str:
    """The vowels and final consonants after the initial at `at` that make its syllable."""
    end = at + 1
    while end < len(value) and value[end] in _VOWEL:
        end += 1
    if end > at + 1:
        while end < len(value) and value[end] in _FINAL:
            end += 1
    return value[at + 1 : end]


def _initials_before(value: str, at: int) -> str:
    """The initial consonants before the vowel at `at`, which make its syllable with it."""
    start = at
    while start > 0 and value[start - 1] in _INITIAL:
        start -= 1
    return value[start:at]


def _shows_a_jamo(jamo: str) -> bool:
    return any(char not in (_INITIAL_FILLER, _VOWEL_FILLER) for char in jamo)


def invisible(char: str) -> bool:
    """Whether a reader shows `char` as nothing: a space, a format character (category Cf) or
    another default-ignorable character."""
    return char.isspace() or char in _IGNORABLE or unicodedata.category(char) == "Cf"
