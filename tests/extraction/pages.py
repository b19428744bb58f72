"""A builder of news pages (our own invented text) laid out as real outlets lay them out."""

from __future__ import annotations

HEADLINE = "Kelmar harbour reopens after two-week strike"
STANDFIRST = "Dockers accepted a 4% pay rise after a stoppage that cost the port $3 million."
LEAD_CAPTION = "Cranes stood idle at the north quay of Kelmar on Friday."
BODY_CAPTION = "Ships queued for 40 hours outside the harbour wall on Sunday."
PARAGRAPHS = (
    "The harbour of Kelmar reopened on Monday after dockers voted 112 to 61 to accept a new pay "
    "offer, ending a two-week strike that had left more than 30 ships waiting at anchor.",
    '"We lost about $3 million in fees while the cranes stood still," said Ines Torva, who runs '
    "the port authority. She said the harbour would work through the weekend to clear the queue.",
    "The agreement raises pay by 4% this year and by another 3% in 2024, according to the union, "
    "which represents about 1,800 of the port's 2,100 workers.",
    "Shipping lines had diverted at least 12 vessels to Porto Menas, the nearest deep-water port, "
    "during the stoppage, the chamber of commerce said in a statement on Sunday.",
    "The strike was the longest at the harbour since 1998, when dockers stayed out for 19 days.",
)


def news_page(
    *,
    lang: str = ' lang="en-GB"',
    title: str = f"{HEADLINE} | Kelmar Daily",
    description: str = STANDFIRST,
    show_standfirst: bool = True,
    show_headline: bool = True,
    author_meta: str = "Amal Sorensen",
    published: str = "2023-03-06T08:00:00Z",
    canonical: str = "https://news.kelmar.example/harbour/strike-ends",
    before_html: str = "",
    article_start: str = "",
    article_end: str = "",
    after_main: str = "",
    main_style: str = "",
    first_paragraph: str | None = None,
) -> str:
    """A whole page: head metadata, navigation, a header with the headline, standfirst and lead
    picture, the article with a captioned picture, related links and a footer.

    The optional pieces of HTML go before the <html> tag, at the start and end of the article
    and after the main block; `main_style` styles the main block and `first_paragraph`
    replaces the first paragraph's markup."""
    paragraphs = [f"<p>{text}</p>" for text in PARAGRAPHS]
    if first_paragraph is not None:
        paragraphs[0] = first_paragraph
    paragraphs.insert(
        3,
        '<figure><img src="/img/queue.jpg" alt="">'
        f"<figcaption>{BODY_CAPTION} (AP Photo/Amal Sorensen)</figcaption></figure>",
    )
    header = [f"<h1>{HEADLINE}</h1>"] if show_headline else []
    if show_standfirst:
        header.append(f'<p class="standfirst">{STANDFIRST}</p>')
    header.append(
        '<div class="lead-media"><img src="/img/cranes.jpg" alt="cranes">'
        f'<span class="image-caption">{LEAD_CAPTION}</span>'
        '<span class="image-credit">Photo: Amal Sorensen</span></div>'
    )
    return (
        f"{before_html}<!DOCTYPE html><html{lang}><head><meta charset='utf-8'>"
        f"<title>{title}</title>"
        f'<meta name="description" content="{description}">'
        '<meta property="og:site_name" content="Kelmar Daily">'
        f'<meta name="author" content="{author_meta}">'
        f'<meta property="article:published_time" content="{published}">'
        f'<link rel="canonical" href="{canonical}">'
        "<script>var tracking = 1;</script></head><body>"
        '<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>'
        f'<main style="{main_style}"><header>{"".join(header)}'
        '<p class="byline">By Amal Sorensen</p></header>'
        f"<article>{article_start}{''.join(paragraphs)}{article_end}</article>"
        '<aside class="related"><h3>Related stories</h3><ul>'
        '<li><a href="/a">Port fees to rise next year</a></li>'
        '<li><a href="/b">Ferry timetable changes for spring</a></li></ul></aside></main>'
        f"{after_main}"
        "<footer><p>© 2023 Kelmar Daily. All rights reserved.</p>"
        '<p><a href="/privacy">Privacy policy</a></p></footer></body></html>'
    )
