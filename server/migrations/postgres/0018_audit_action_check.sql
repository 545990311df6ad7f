-- The audit log's action column gets its CHECK like every other enum
-- column: the words of `handoff::audit::AuditAction`, and no other. A new
-- action adds a migration that replaces this constraint.
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check CHECK (action IN ('sign_in', 'disclosure_added', 'disclosure_removed', 'disclosures_ended', 'disclosed_shown', 'client_erased', 'audit_exported', 'profile_changed', 'relay_approved', 'relay_edited', 'relay_returned', 'message_forwarded', 'portal_link_created', 'portal_link_revoked', 'portal_sign_in'));
