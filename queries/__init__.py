"""The shipped SPARQL queries, installed as ``kg.queries``: run one by name with ``kg query NAME``; read with kg.resources."""
