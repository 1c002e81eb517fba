-- Full-text search over what was said and the sentence around it (FTS5), kept in sync by triggers.
-- Query it with plain sqlite3:
--   SELECT v.speaker, v.text FROM statement_search f JOIN statement_view v ON v.id = f.statement_id
--   WHERE statement_search MATCH 'tariffs' ORDER BY rank;
CREATE VIRTUAL TABLE IF NOT EXISTS statement_search USING fts5(
    statement_id UNINDEXED, text, sentence, tokenize = 'porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS statements_search_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statement_search (statement_id, text, sentence) VALUES (new.id, new.text, new.sentence);
END;
CREATE TRIGGER IF NOT EXISTS statements_search_update AFTER UPDATE OF text, sentence ON statements BEGIN
    UPDATE statement_search SET text = new.text, sentence = new.sentence WHERE statement_id = old.id;
END;
CREATE TRIGGER IF NOT EXISTS statements_search_delete AFTER DELETE ON statements BEGIN
    DELETE FROM statement_search WHERE statement_id = old.id;
END;
