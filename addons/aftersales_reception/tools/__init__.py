from .amount import amount_to_chinese_capitals
from .cron import process_in_batches
from .plate import normalize_plate
from .step import business_step, current_step, step_scope
from .text import check_text_lengths
from .vin import VIN_LENGTH, normalize_vin, vin_check_digit, vin_forbidden_characters
