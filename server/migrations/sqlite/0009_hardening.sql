-- Sign-in throttling counts each attempt before any secret is checked: one
-- counter row per key (an account, an address, a member's codes, a member's
-- re-authentication), bumped with one atomic upsert, so parallel attempts
-- cannot all pass the check. The window starts at the first attempt.
CREATE TABLE sign_in_throttle (
    throttle_key  TEXT    PRIMARY KEY,
    window_start  INTEGER NOT NULL,
    attempts      INTEGER NOT NULL
);
DROP TABLE sign_in_failures;

-- Recovery codes are hashed with HMAC-SHA256 under a random salt per code.
-- Rows from before (salt NULL) keep their plain SHA-256 until used.
ALTER TABLE recovery_codes ADD COLUMN salt TEXT;

-- A value shown to one session for a short while, sealed (an invitation
-- link just made, for the team page without JavaScript).
CREATE TABLE session_flash (
    token_hash  TEXT    PRIMARY KEY REFERENCES sessions (token_hash) ON DELETE CASCADE,
    value       TEXT    NOT NULL,
    expires_at  INTEGER NOT NULL
);
