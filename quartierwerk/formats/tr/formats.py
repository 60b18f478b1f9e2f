# Day, month and year in digits as Turkish forms write them (17.12.2026); Django's own is "17 Ara 2026".
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DATE_FORMAT = "j F Y"
