"""The names of `staticfeed check`'s rules, apart from the checks themselves: the command line
needs them for `--ignore` without importing the pipeline."""

RULES = (
    "build",
    "review",
    "stale",
    "xml",
    "self-link",
    "guid",
    "rss-author",
    "email",
    "language",
    "enclosure",
    "tag-uri",
    "canonical-id",
    "duplicate-id",
    "json",
    "date",
    "order",
    "relative-url",
    "reader-html",
    "looks-like-html",
    "relative-file",
    "template-code",
    "no-text",
    "same-updated",
    "implausible-date",
    "title",
    "placeholder",
    "size",
    "headers-rules",
)
"""The name of every rule, as findings carry it, in the order the README lists them."""
