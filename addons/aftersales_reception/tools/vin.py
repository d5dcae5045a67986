"""Vehicle identification number (VIN) rules of ISO 3779 and GB 16735."""

VIN_LENGTH = 17
VIN_FORBIDDEN_LETTERS = frozenset("IOQ")

# Transliteration table of ISO 3779 (North-American and Chinese check digit).
_TRANSLITERATION = {
    **{str(digit): digit for digit in range(10)},
    "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8,
    "J": 1, "K": 2, "L": 3, "M": 4, "N": 5, "P": 7, "R": 9,
    "S": 2, "T": 3, "U": 4, "V": 5, "W": 6, "X": 7, "Y": 8, "Z": 9,
}  # fmt: skip
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
CHECK_DIGIT_POSITION = 9


def normalize_vin(vin):
    """Upper-case a VIN and drop the spaces and dashes people type."""
    if not vin:
        return vin
    return "".join(vin.split()).replace("-", "").upper()


def vin_forbidden_characters(vin):
    """Return the characters of ``vin`` a VIN may not contain, in order."""
    return [char for char in vin if char not in _TRANSLITERATION]


def vin_check_digit(vin):
    """Compute the check digit (position 9) of a 17-character VIN.

    Returns a single character, ``"0"``-``"9"`` or ``"X"``, or ``None`` when the
    VIN has the wrong length or contains characters a VIN may not contain.
    """
    if len(vin) != VIN_LENGTH or vin_forbidden_characters(vin):
        return None
    total = sum(_TRANSLITERATION[char] * weight for char, weight in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)
