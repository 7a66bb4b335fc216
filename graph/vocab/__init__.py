"""Every term and IRI the code uses: the ontology's terms (generated), the external vocabularies,
and the minting of our own IRIs. No IRI is written as a string anywhere else."""

from rdflib.namespace import ORG, TIME, VOID

from .ccm import CCM, ONTOLOGY, CCMNodes
from .external import PREFIXES, node
from .iris import DEFAULT_BASE, GRAPH_NAMES, Iris
from .oa import OA
from .sd import SD

__all__ = [
    "CCM",
    "CCMNodes",
    "DEFAULT_BASE",
    "GRAPH_NAMES",
    "Iris",
    "OA",
    "ONTOLOGY",
    "ORG",
    "PREFIXES",
    "SD",
    "TIME",
    "VOID",
    "node",
]
