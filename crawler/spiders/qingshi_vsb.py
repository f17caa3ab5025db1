"""青石县人民政府 (博达 VSB): list rows are ``li[id^=line_u]``, each a titled link and its date."""

from ..links import Entry, listed_date, title_kind
from .base import PortalSpider


class QingshiVsbSpider(PortalSpider):
    name = "qingshi_vsb"

    @classmethod
    def list_entries(cls, response):
        entries = []
        for row in response.css("ul.list li[id^=line_u]"):
            title = row.css("a::attr(title)").get() or row.css("a::text").get() or ""
            kind = title_kind(title)
            if kind:
                entries.append(
                    Entry(
                        response.urljoin(row.css("a::attr(href)").get()),
                        title,
                        listed_date(row.css("span::text").get() or ""),
                        kind,
                    )
                )
        return entries
