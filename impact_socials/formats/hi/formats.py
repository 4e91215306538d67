DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
# A moment, such as the last one to answer a request by: 14/12/2026, 16:49 (a 24-hour clock
# reads the same in English and Hindi).
DATETIME_FORMAT = "d/m/Y, H:i"
# Thousands grouped as Hindi readers group them: 5,000 and 1,50,000 (lakhs), then 1,00,00,000.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = (3, 2, 0)
