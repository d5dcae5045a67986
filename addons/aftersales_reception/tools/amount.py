"""Amounts in Chinese capital numerals (大写金额), as written on receipts and cheques.

The rules are the banks' (中国人民银行《支付结算办法》): 壹拾 for ten, one 零 for a run of zeros
inside the number (壹万零伍元整), none at the end of a section (壹仟万元整), 整 when there is no
fen (伍角整, 壹佰元整), 零 between the yuan and a fen without jiao (壹元零伍分). Where the rules leave
the 零 free, it is written for a zero 万 digit (壹拾万零柒仟元) and left out after a zero yuan digit
before the jiao (壹仟陆佰捌拾元叁角贰分).
"""
from decimal import ROUND_HALF_UP, Decimal

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
# Every four digits: yuan, ten thousand, hundred million (up to 9999亿).
_SECTIONS = ("", "万", "亿")
_LIMIT = Decimal(10) ** (4 * len(_SECTIONS))


def amount_to_chinese_capitals(amount):
    """``amount`` (a number of yuan) in capital numerals: 1234.56 -> 壹仟贰佰叁拾肆元伍角陆分.

    The amount is rounded half up to the fen. A negative amount starts with 负. Amounts of a
    trillion yuan (万亿) and more raise a ValueError: no receipt holds them.
    """
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "负" if value < 0 else ""
    value = abs(value)
    if value >= _LIMIT:
        raise ValueError(f"{amount} is too large for an amount in capital numerals.")
    cents = int(value * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10

    text = _integer_capitals(yuan)
    if yuan:
        text += "元"
    if jiao:
        text += _DIGITS[jiao] + "角"
    if fen:
        if yuan and not jiao:
            text += "零"
        text += _DIGITS[fen] + "分"
    if not cents:
        text = "零元"
    if not fen:
        text += "整"
    return sign + text


def _integer_capitals(number):
    """A whole number of yuan in capitals, without the unit: 10005 -> 壹万零伍, 0 -> ''."""
    digits = str(number) if number else ""
    parts = []
    zero_pending = False
    for index, digit in enumerate(digits):
        position = len(digits) - 1 - index
        if digit == "0":
            zero_pending = bool(parts)
        else:
            if zero_pending:
                parts.append("零")
                zero_pending = False
            parts.append(_DIGITS[int(digit)] + _UNITS[position % 4])
        # The end of a section: its unit when one of its four digits is not zero.
        if position and position % 4 == 0 and digits[max(0, index - 3):index + 1].strip("0"):
            parts.append(_SECTIONS[position // 4])
    return "".join(parts)
