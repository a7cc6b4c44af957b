"""AppTest tests: every page through app.py, the URL state, language switches, bad input, start-up."""
