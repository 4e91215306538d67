"""Dates as people here write them (FORMAT_MODULE_PATH): day first, 06/12/2026, in English;
the month's name, 6 दिसंबर 2026, in Hindi. Pages write dates with ``|date`` (DATE_FORMAT)."""
