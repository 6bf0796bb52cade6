"""`make bench`: the portal's performance figures, each beside a baseline measured in the same run
(docs/performance.md). Nothing here is imported by the product."""
