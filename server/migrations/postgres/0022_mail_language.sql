-- The language a member's e-mail is written in (BCP 47 code). Mail to a
-- client, and invitations, use the business's first owner's.
ALTER TABLE members ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es', 'pt', 'fr', 'de'));
