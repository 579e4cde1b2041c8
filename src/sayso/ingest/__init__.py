"""Reading input: text files, HTML pages, JSON Lines."""
