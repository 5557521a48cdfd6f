"""The site configuration (``proceedings/site.yaml``): everything that names or shapes one workshop.

The engine holds no workshop's name, tracks or publisher: a site says them here, and every page, export and
command reads them from the loaded ``SiteFile``.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from .fields import Id, LongText, Strict, Text, Url

_DOMAIN = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")


def _check_domain(value: str) -> str:
    if not _DOMAIN.fullmatch(value) or len(value) > 100:
        raise ValueError("must be a domain-like name in lowercase letters, digits, dots and hyphens")
    return value


Domain = Annotated[str, AfterValidator(_check_domain)]


def _check_label(value: str) -> str:
    if "`" in value:
        raise ValueError("must not contain a backtick (labels are shown in badges)")
    return value


Label = Annotated[Text, AfterValidator(_check_label)]


class Track(Strict):
    """A kind of submission (long paper, short paper, extended abstract…)."""

    id: Id = Field(description="What paper files write under 'track', such as 'long'.")
    label: Label = Field(description="One paper of the track, as shown on pages: 'Long paper'.")
    plural: Text = Field(description="Heading of the track's papers: 'Long papers'.")
    in_series: bool = Field(
        default=False, description="Papers of this track are published in the proceedings series (see 'series')."
    )


class Presentation(Strict):
    """How an accepted paper is presented at the workshop."""

    id: Id = Field(description="What paper files write under 'presentation', such as 'poster'.")
    label: Label = Field(description="As shown on pages: 'Poster'.")
    plural: Text = Field(description="Heading of the papers presented so: 'Posters'.")
    highlight: bool = Field(default=False, description="Shown as a badge on the paper's page (a spotlight talk).")


class Series(Strict):
    """The proceedings series where papers of some tracks are published, such as PMLR."""

    name: Text = Field(description="Full name, printed in citations: 'Proceedings of Machine Learning Research'.")
    short_name: Text = Field(description="Short name shown on pages: 'PMLR'.")
    publisher: Text = Field(description="Publisher, for BibTeX and Google Scholar: 'PMLR'.")
    url: Url | None = None


class Topics(Strict):
    """Related papers and topic maps, computed from titles, abstracts and keywords when the site is built."""

    related: bool = Field(default=True, description="Show related papers on every paper page and write related.json.")
    related_count: int = Field(default=5, ge=1, le=10, description="How many related papers a paper page shows.")
    map: bool = Field(
        default=True,
        description="A Topics page with a topic map for every edition and for all editions, and map.json.",
    )
    max_topics: int = Field(
        default=8, ge=1, le=8, description="The most topics (clusters) a map has; fewer on small editions."
    )
    map_page_papers: int = Field(
        default=500,
        ge=2,
        le=100_000,
        description="A map of more papers than this is split by topic, so that no page grows with the "
        "proceedings: its Topics page shows the map of the topics, and each topic has a page of its own with its "
        "part of the map and its papers.",
    )


class SiteFile(Strict):
    name: Text = Field(description="The workshop's name, as in 'an edition of NAME'.")
    title: Text = Field(description="The site's title, in the navigation bar and page titles.")
    description: Text = Field(description="One sentence for search engines and link previews of the home page.")
    introduction: LongText = Field(description="The home page's opening paragraph.")
    tracks: list[Track] = Field(min_length=1, description="Submission tracks; the first is the default.")
    presentations: list[Presentation] = Field(
        min_length=1,
        description="Presentation kinds; the first is the default. Lists show highlighted kinds first, "
        "then the others in this order.",
    )
    series: Series | None = Field(default=None, description="Where papers are published, if anywhere.")
    calendar_domain: Domain = Field(
        description="Ends every calendar event id ('…@DOMAIN'). Keep it once published: calendar apps "
        "recognise re-imported events by it."
    )
    url: Url | None = Field(
        default=None,
        description="The published site's address, such as 'https://example.org/proceedings/'. Citations, "
        "the Atom feed, the sitemap, calendars and link previews use it for absolute URLs; without it they leave "
        "the URL out, and the feed and sitemap are not written. html_baseurl in docs/conf.py, when set, wins.",
    )
    repository: Url | None = Field(
        default=None, description="The site's source repository, for 'correct this page' links."
    )
    topics: Topics = Field(
        default=Topics(), description="Related papers and topic maps; set 'related' or 'map' to false to turn off."
    )

    @model_validator(mode="after")
    def _unique_ids(self) -> SiteFile:
        for name, items in (("tracks", self.tracks), ("presentations", self.presentations)):
            ids = [item.id for item in items]
            if duplicates := sorted({i for i in ids if ids.count(i) > 1}):
                raise ValueError(f"{name}: '{duplicates[0]}' is listed twice")
        return self

    def track(self, track_id: str) -> Track:
        return next(track for track in self.tracks if track.id == track_id)

    def presentation(self, presentation_id: str | None) -> Presentation:
        """A presentation kind by id; the default (first) one for None."""
        return next((item for item in self.presentations if item.id == presentation_id), self.presentations[0])

    @property
    def track_ids(self) -> list[str]:
        return [track.id for track in self.tracks]

    @property
    def presentation_ids(self) -> list[str]:
        return [item.id for item in self.presentations]

    def presentation_rank(self, presentation_id: str | None) -> int:
        """Where papers presented so come in a list: highlighted kinds first, then in the configured order."""
        ids = self.presentation_ids
        index = ids.index(presentation_id) if presentation_id in ids else 0
        return index - (len(ids) if self.presentations[index].highlight else 0)

    def track_rank(self, track_id: str) -> int:
        ids = self.track_ids
        return ids.index(track_id) if track_id in ids else len(ids)
