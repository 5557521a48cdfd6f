"""``related.json`` (every paper's related papers) and ``map.json`` (a topic map), with JSON Schemas.

Their shapes are the ones MiniConf's sites publish (``paper_recs.json``, ``papers_projection.json``), so tools
written for those read them: ``{paper_id: [paper ids…]}`` and ``[{id, x, y, cluster}]``. The schemas are
generated from the pydantic models that write the files.
"""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field, RootModel

from .. import layout
from ..topics import TopicMap, Topics

SCHEMA_VERSION = "1.0"


class RelatedFile(RootModel[dict[str, list[str]]]):
    """Every paper's related papers, most related first: paper id → paper ids (paper ids are unique across
    editions; a paper's page is <edition>/papers/<id>.html)."""


class MapPoint(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="The paper's id.")
    edition: str = Field(description="The paper's edition id.")
    x: float = Field(ge=0, le=1, description="From the left of the map, as a share of its width.")
    y: float = Field(ge=0, description="From the top of the map, as a share of its width (the map is y_max high).")
    cluster: int = Field(ge=0, description="The paper's topic: an index into the topics list of the Topics page.")
    topic: list[str] = Field(description="The topic's top terms, the name it has on the Topics page.")


class MapFile(RootModel[list[MapPoint]]):
    """A topic map: every paper of an edition (or of all editions) with its place and topic."""


SCHEMAS = {"related": RelatedFile, "map": MapFile}


def related_file(topics: Topics) -> bytes:
    document = {paper: [n.paper for n in neighbours] for paper, neighbours in sorted(topics.related.items())}
    return dump(RelatedFile(document))


def map_file(shown: TopicMap, editions: dict[str, str]) -> bytes:
    """``editions``: paper id → edition id."""
    points = [
        MapPoint(
            id=point.paper,
            edition=editions[point.paper],
            x=point.x,
            y=point.y,
            cluster=point.cluster,
            topic=list(shown.clusters[point.cluster].terms),
        )
        for point in shown.points
    ]
    return dump(MapFile(points))


def dump(document: RootModel) -> bytes:
    return document.model_dump_json(indent=1).encode("utf-8") + b"\n"


def schema(name: str) -> bytes:
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": layout.data_schema(name, SCHEMA_VERSION),
        **SCHEMAS[name].model_json_schema(),
    }
    return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode("utf-8")
