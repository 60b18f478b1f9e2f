# Day before month, as in Django's short Arabic date, and the 24-hour time used on every other page.
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y H:i"
SHORT_DATE_FORMAT = "d\u200f/m\u200f/Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F، Y H:i"
