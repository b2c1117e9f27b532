"""Saved HTML pages: the article's text (trafilatura), its publication date from the page's metadata only,
and whether the page is an article at all.

Dates come from what the publisher declares (meta tags, JSON-LD, a ``<time>`` marked as the publication time,
the URL path), never from the text of the page: a footer's "© 2026" is not a publication date. Index, tag and
list pages (mostly links, little running text) are not articles and are rejected with that reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import lxml.html
from lxml import etree

# Publication-time meta tags, in the order they are trusted (property/name/itemprop, lower case).
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
    "publish_date", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.created", "date", "article.published", "published_time", "cxenseparse:recs:publishtime",
)
_NOT_CONTENT = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form", "template", "svg")
MIN_RUNNING_WORDS = 50  # below this, a page whose links outweigh its running text is a list of links
MIN_LINKED_HEADLINES = 5


@dataclass(frozen=True)
class PageShape:
    """How much of a page is running text and how much is links."""

    running_words: int
    link_words: int
    links: int
    linked_headlines: int

    def list_page_reason(self) -> str | None:
        """Why this page is an index, tag or list page rather than an article, or None."""
        total = self.running_words + self.link_words
        share = self.link_words / total if total else 0.0
        if self.links >= 2 and ((self.running_words < MIN_RUNNING_WORDS and share >= 0.5) or share >= 0.8):
            return (f"index or list page, not an article: {self.links} links and {self.running_words} words of "
                    f"running text outside them")
        if self.linked_headlines >= MIN_LINKED_HEADLINES and self.running_words < 60 * self.linked_headlines:
            return (f"index or list page, not an article: {self.linked_headlines} linked headlines and "
                    f"{self.running_words} words of running text")
        return None


def parse(html: str) -> etree._Element | None:
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def page_shape(tree: etree._Element) -> PageShape:
    body = tree.find("body")
    root = body if body is not None else tree
    running = link_words = 0
    for text in root.xpath(".//text()"):
        holder = text.getparent()
        if text.is_tail:
            holder = holder.getparent()
        if holder is None or _inside(holder, _NOT_CONTENT):
            continue
        if _inside(holder, ("a",)):
            link_words += len(text.split())
        else:
            running += len(text.split())
    anchors = [a for a in root.iter("a") if not _inside(a, _NOT_CONTENT)]
    headlines = sum(1 for a in anchors if _inside(a, ("h1", "h2", "h3", "h4")))
    return PageShape(running, link_words, len(anchors), headlines)


def _inside(element: etree._Element | None, tags: tuple[str, ...]) -> bool:
    while element is not None:
        if isinstance(element.tag, str) and element.tag.lower() in tags:
            return True
        element = element.getparent()
    return False


def declared_date(tree: etree._Element) -> str | None:
    """The publication date the page declares, as written (parsed by the caller), or None."""
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in metas:
            metas[key] = content
    for key in _DATE_META:
        if key in metas:
            return metas[key]
    found = _json_ld_date(tree)
    if found:
        return found
    for element in tree.iter("time"):
        stamp = (element.get("datetime") or "").strip()
        if not stamp:
            continue
        marked = element.get("pubdate") is not None or (element.get("itemprop") or "").lower() == "datepublished"
        if marked or _inside(element, ("article",)):
            return stamp
    for element in tree.iter():
        if isinstance(element.tag, str) and (element.get("itemprop") or "").lower() == "datepublished":
            stamp = (element.get("datetime") or element.get("content") or element.text_content() or "").strip()
            if stamp:
                return stamp
    return None


def _json_ld_date(tree: etree._Element) -> str | None:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            document = json.loads(script.text)
        except json.JSONDecodeError:
            continue
        found = _date_in(document)
        if found:
            return found
    return None


def _date_in(node: object) -> str | None:
    if isinstance(node, list):
        for item in node:
            found = _date_in(item)
            if found:
                return found
    elif isinstance(node, dict):
        value = node.get("datePublished")
        if isinstance(value, str) and value.strip():
            return value.strip()
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            found = _date_in(node.get(key))
            if found:
                return found
    return None


def canonical_url(tree: etree._Element) -> str | None:
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            return link.get("href").strip()
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").strip().lower() == "og:url" and meta.get("content"):
            return meta.get("content").strip()
    return None
