"""Structure checks: boilerplate left over from scraping, condition names that
drift between title, headings and body, empty sections and paragraphs that
lost their heading."""
