"""Exports of the resolved model for other tools: Mermaid diagrams in Markdown, spreadsheets (CSV), JSON."""
