"""Notes and history as a searchable index: chunking, embeddings, Chroma store, hybrid search."""
