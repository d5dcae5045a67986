# Separators people type in a Chinese plate (浙A·V2374, 浙A.V2374, 浙A V2374, 浙A-V2374).
_PLATE_SEPARATORS = str.maketrans("", "", "·•・．.-_ \t\u3000")


def normalize_plate(plate):
    """A plate as it is searched: without separators and spaces, upper case (浙A·v2374 -> 浙AV2374)."""
    if not plate:
        return plate
    return plate.translate(_PLATE_SEPARATORS).upper()
