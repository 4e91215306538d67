"""Dates as people here write them (FORMAT_MODULE_PATH): day first, 06/12/2026, in English
and in Hindi alike. Pages and e-mails write dates with ``|date`` (DATE_FORMAT)."""
