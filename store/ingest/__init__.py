"""Ingestion: read articles from files, folders, URLs and feeds, extract, and store each one."""
