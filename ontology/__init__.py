"""The graph contract, installed as ``kg.ontology``: kg.ttl (OWL/RDFS) and shapes.ttl (SHACL); read with kg.resources."""
