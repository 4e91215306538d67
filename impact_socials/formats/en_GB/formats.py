DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
# A moment, such as the last one to answer a request by: 14/12/2026, 16:49 (a 24-hour clock
# reads the same in English and Hindi).
DATETIME_FORMAT = "d/m/Y, H:i"
