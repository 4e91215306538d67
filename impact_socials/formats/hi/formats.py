DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
# Thousands grouped as Hindi readers group them: 5,000 and 1,50,000 (lakhs), then 1,00,00,000.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = (3, 2, 0)
