-- Issue 15 (officer workspace), the case as a conversation and the inbox's filters and search.

-- Which outbox row carries an officer's message (or status notice) to the reporter. Filled when the
-- message is queued, in the same transaction; case_events stays append-only. No foreign key to
-- outbox: finished rows are purged by retention and erasure, and the thread then says so.
CREATE TABLE case_event_outbox (
  event_id INTEGER PRIMARY KEY REFERENCES case_events(id),
  case_id INTEGER NOT NULL REFERENCES cases(id),
  outbox_id INTEGER NOT NULL
);
CREATE INDEX case_event_outbox_row ON case_event_outbox (outbox_id);
-- Officers' messages up to this event were written before links existed: their delivery is unknown.
INSERT OR REPLACE INTO kv (key, value) SELECT 'thread.linksFromEvent', CAST(COALESCE(MAX(id), 0) + 1 AS TEXT) FROM case_events;

-- Delivery changes of those rows (queued → sent → delivered/read, failed, held), as a cursor for
-- the live dashboard: written by a trigger, so the dispatcher and the webhook receipts need no hook.
CREATE TABLE thread_deliveries (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL,
  outbox_id INTEGER NOT NULL
);
CREATE TRIGGER outbox_thread_delivery AFTER UPDATE OF state, delivery_status, hold_until ON outbox
WHEN NEW.state IS NOT OLD.state OR NEW.delivery_status IS NOT OLD.delivery_status OR NEW.hold_until IS NOT OLD.hold_until
BEGIN
  INSERT INTO thread_deliveries (case_id, outbox_id) SELECT case_id, NEW.id FROM case_event_outbox WHERE outbox_id = NEW.id;
END;

-- Free-text search: one FTS5 document per case (rowid = case id) holding its reference, the
-- worker's name, the story and the text of its thread (reporter messages, officer replies, status
-- notes, internal notes), so a search reads matching case ids straight from the index. Contentless
-- (no second copy of the text); triggers rewrite the case's document when a message is added, the
-- name or story changes, or text is erased. `case_text_source` is what a document holds.
CREATE VIEW case_text_source AS
  SELECT c.id, concat_ws(' ', c.ref, c.worker_name, c.description,
           (SELECT group_concat(e.text, ' ') FROM case_events e
             WHERE e.case_id = c.id AND e.text IS NOT NULL AND e.kind IN ('message_in', 'message_out', 'note', 'status'))) AS text
  FROM cases c;
CREATE VIRTUAL TABLE case_text USING fts5(text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO case_text (rowid, text) SELECT id, text FROM case_text_source;
-- Bumped by every change to the index: a search's matches are reused while it stays the same.
INSERT OR REPLACE INTO kv (key, value) VALUES ('caseText.version', '0');
CREATE TRIGGER case_text_message AFTER INSERT ON case_events
WHEN NEW.text IS NOT NULL AND NEW.kind IN ('message_in', 'message_out', 'note', 'status')
BEGIN
  DELETE FROM case_text WHERE rowid = NEW.case_id;
  INSERT INTO case_text (rowid, text) SELECT id, text FROM case_text_source WHERE id = NEW.case_id;
  UPDATE kv SET value = CAST(value AS INTEGER) + 1 WHERE key = 'caseText.version';
END;
CREATE TRIGGER case_text_erase AFTER UPDATE OF text ON case_events
WHEN OLD.text IS NOT NULL
BEGIN
  DELETE FROM case_text WHERE rowid = NEW.case_id;
  INSERT INTO case_text (rowid, text) SELECT id, text FROM case_text_source WHERE id = NEW.case_id;
  UPDATE kv SET value = CAST(value AS INTEGER) + 1 WHERE key = 'caseText.version';
END;
CREATE TRIGGER case_text_case AFTER UPDATE OF description, worker_name ON cases
WHEN NEW.description IS NOT OLD.description OR NEW.worker_name IS NOT OLD.worker_name
BEGIN
  DELETE FROM case_text WHERE rowid = NEW.id;
  INSERT INTO case_text (rowid, text) SELECT id, text FROM case_text_source WHERE id = NEW.id;
  UPDATE kv SET value = CAST(value AS INTEGER) + 1 WHERE key = 'caseText.version';
END;
CREATE TRIGGER case_text_new AFTER INSERT ON cases
BEGIN
  INSERT INTO case_text (rowid, text) VALUES (NEW.id, concat_ws(' ', NEW.ref, NEW.worker_name, NEW.description));
  UPDATE kv SET value = CAST(value AS INTEGER) + 1 WHERE key = 'caseText.version';
END;

-- The inbox at 50,000 cases (BENCHMARKS.md): the holder's name is looked up by the officer's chat
-- (it was a scan of officers per row); the filter menus' distinct values come from an index.
CREATE INDEX officers_contact ON officers (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX cases_kind_category ON cases (kind, category);
CREATE INDEX cases_country ON cases (country) WHERE country IS NOT NULL;
