-- Relay partition of each outbox row: hash of the user id modulo notifications.outbox.partitions,
-- computed by the writer. All rows of one user share a partition, so the one worker that owns a
-- partition publishes a user's events in order. Rows written before this column existed go to 0.
alter table outbox add column relay_partition integer not null default 0;
alter table outbox alter column relay_partition drop default;
create index outbox_partition_id on outbox (relay_partition, id);

-- Listing filtered by status, newest first.
create index notification_user_status_seq on notification (user_id, status, seq);

-- Each user's recent events, written in the transaction of the change, for resume after a
-- disconnect. Pruned by age and by count per user; the payload is the exact topic JSON.
create table stream_history (
    user_id    varchar(255) not null,
    seq        bigint       not null,
    event_type varchar(64)  not null,
    payload    bytea        not null,
    created_at timestamptz  not null,
    primary key (user_id, seq)
);

create index stream_history_created_at on stream_history (created_at);

-- Idempotency keys of creating callers. The row is inserted before the work, so a concurrent
-- request with the same key waits for the first one's commit and then replays its response.
create table idempotency_key (
    scope           varchar(255) not null,
    idempotency_key varchar(255) not null,
    fingerprint     bytea        not null,
    response        bytea,
    created_at      timestamptz  not null,
    primary key (scope, idempotency_key)
);

create index idempotency_key_created_at on idempotency_key (created_at);
