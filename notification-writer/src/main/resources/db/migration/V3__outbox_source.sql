-- The outbox row keeps the event's ce_source with the rest of what the relay publishes, so the relay
-- adds nothing of its own. Rows written before this column existed come from the writer's one source.
alter table outbox add column source varchar(255) not null default '/notification-writer';
alter table outbox alter column source drop default;
