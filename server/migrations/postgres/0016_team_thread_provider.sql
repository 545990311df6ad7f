-- A team thread is read by the provider the task had when each message was
-- written: after a reassignment the new provider does not read what the
-- owners and the former provider said to each other. `provider_id` is the
-- task's provider at the time (none in a client thread, or while the task
-- had no provider: owners' notes from then are read by whoever takes it).
ALTER TABLE thread_messages ADD COLUMN provider_id BIGINT REFERENCES members (id);

UPDATE thread_messages SET provider_id = (
    SELECT k.assignee_id FROM threads t JOIN tasks k ON k.id = t.task_id
    WHERE t.id = thread_messages.thread_id
);

CREATE INDEX thread_messages_by_provider ON thread_messages (thread_id, provider_id, id);
