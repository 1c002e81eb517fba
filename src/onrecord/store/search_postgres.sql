-- Full-text search over what was said and the sentence around it: a generated tsvector with a GIN index.
ALTER TABLE statements ADD COLUMN IF NOT EXISTS search tsvector
    GENERATED ALWAYS AS (to_tsvector('english', coalesce(text, '') || ' ' || coalesce(sentence, ''))) STORED;
CREATE INDEX IF NOT EXISTS statements_search ON statements USING GIN (search);
