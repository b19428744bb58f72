"""Watched outlets: RSS and Atom feeds and news sitemaps polled for new articles.

Above `claims` (its entries become articles through the claims services) and `fetching`
(the only way it reaches a feed); below the desk, which shows and edits the feeds.
"""
