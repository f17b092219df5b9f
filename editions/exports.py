"""The programme as frab schedule JSON and as iCalendar."""
