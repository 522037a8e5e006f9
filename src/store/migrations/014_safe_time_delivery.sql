-- Safe-time delivery (issue 14): a contact may ask to be messaged only in a window of its local
-- day; messages from officers are then held in the outbox until the window opens.
ALTER TABLE contacts ADD COLUMN safe_window TEXT;   -- 'morning' | 'afternoon' | 'evening' | 'late_night' | 'weekend' | NULL (any time)
ALTER TABLE contacts ADD COLUMN safe_zone TEXT;     -- IANA zone (from the contact's country) or a fixed offset such as 'UTC+3'
CREATE INDEX contacts_safe_window ON contacts (safe_window) WHERE safe_window IS NOT NULL;

-- A held row is 'pending' with next_attempt_at = hold_until, so it goes out by itself when the
-- hold ends; while held it does not keep later messages of the same chat waiting.
ALTER TABLE outbox ADD COLUMN hold_until INTEGER;   -- ms since epoch; NULL: not held
ALTER TABLE outbox ADD COLUMN hold_reason TEXT;     -- 'safe_time' (the contact's window) | 'reply_window' (WhatsApp: waits for the contact's answer to a template)
CREATE INDEX outbox_held ON outbox (contact_id, hold_reason) WHERE hold_reason IS NOT NULL;
