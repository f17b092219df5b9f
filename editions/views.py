"""What the programme and speaker pages serve: the programme by day, filtered by format,
theme and audience in the query string; the speakers by name."""
