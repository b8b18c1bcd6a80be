"""Stenogram's builder: raw scraped transcripts in, an annotated static site and dataset out."""
