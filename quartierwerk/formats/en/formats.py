# British order, as in the long dates ("17 December 2026"): 07/12/2026 is the 7th of December, not July.
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
