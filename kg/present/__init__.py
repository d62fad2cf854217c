"""What users see: SPARQL queries, exports, the graph page, statistics and validation."""
