-- Two-factor sign-in (TOTP, RFC 6238). `totp_pending` holds a secret being
-- set up until its first code is confirmed; `totp_last_step` refuses a code's
-- replay within its 30-second step.
ALTER TABLE members ADD COLUMN totp_secret TEXT;
ALTER TABLE members ADD COLUMN totp_pending TEXT;
-- New recovery codes wait here until the member's next page shows them once.
ALTER TABLE members ADD COLUMN recovery_reveal TEXT;
ALTER TABLE members ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE workspaces ADD COLUMN require_owner_totp BIGINT NOT NULL DEFAULT 0;

-- One-time recovery codes, stored hashed.
CREATE TABLE recovery_codes (
    member_id  BIGINT  NOT NULL REFERENCES members (id),
    code_hash  TEXT    NOT NULL,
    used_at    BIGINT,
    PRIMARY KEY (member_id, code_hash)
);

-- A password that was right, waiting for its second factor (5 minutes).
CREATE TABLE sign_in_challenges (
    token_hash  TEXT    PRIMARY KEY,
    member_id   BIGINT  NOT NULL REFERENCES members (id),
    expires_at  BIGINT  NOT NULL
);
