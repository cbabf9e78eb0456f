-- Threads embedded in other sites' pages: an article record per canonical page URL, created the
-- first time the embed script loads on that page.
ALTER TABLE articles ADD COLUMN canonical_url TEXT;
CREATE UNIQUE INDEX articles_by_canonical_url ON articles (canonical_url);
