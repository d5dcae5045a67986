from . import aftersales_payment_receipt
