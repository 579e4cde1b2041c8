"""Data the corpus tests share: a few made-up articles."""

from __future__ import annotations

#: Short made-up news items (not real events) written so that one quote travels
#: across outlets under three spellings of one name.
ARTICLES = [
    {"publisher": "Axios", "published": "2024-03-01", "title": "Zelensky vows to hold the line",
         "url": "https://example.com/axios/1", "text": (
             "Ukrainian President Volodymyr Zelensky said on Tuesday that \"the front line is holding and we "
             "will not give up an inch of our land.\"\n\n"
             "Four people familiar with the talks said the White House was preparing a new aid package. "
             "Zelensky told reporters that the package was essential.")},
    {"publisher": "The Daily Beast", "published": "2024-03-02", "title": "Zelenskyy: not an inch",
         "url": "https://example.com/beast/2", "text": (
             "Volodymyr Zelenskyy said: \"The front line is holding and we will not give up an inch of our "
             "land.\"\n\nThe White House is preparing a new aid package, Axios reported, citing four unnamed "
             "sources.")},
    {"publisher": "Reuters", "published": "2024-03-03", "title": "Zelensky in Kyiv",
         "url": "https://example.com/reuters/3", "text": (
             "\"The front line is holding and we will not give up an inch of our land,\" Volodymyr Zelensky "
             "told reporters in Kyiv on Sunday.\n\n"
             "A senior official, who spoke on condition of anonymity, said the talks would resume next week.")},
    {"publisher": "Breitbart", "published": "2024-03-04", "title": "Doe predicts vote",
         "url": "https://example.com/breitbart/4", "text": (
             "Senator Jane Doe said the aid bill would pass the Senate by Friday.\n\n"
             "\"We have the votes,\" Doe told reporters on Monday. Her spokesman, Tom Lee, declined to "
             "comment on the timing.")},
]

