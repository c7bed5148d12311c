-- Notifications as stored; the API and the events show the same fields.
create table notification (
    id                 uuid         primary key,
    user_id            varchar(255) not null,
    seq                bigint       not null,
    type               varchar(16)  not null check (type in ('info', 'success', 'warning', 'error')),
    title              varchar(200) not null,
    message            varchar(2000) not null,
    status             varchar(16)  not null check (status in ('unread', 'read')),
    metadata           jsonb,
    related_session_id uuid,
    created_at         timestamptz  not null,
    -- One user's notifications in stream order; also serves "newest first" listing.
    constraint notification_user_seq_unique unique (user_id, seq)
);

create index notification_unread_by_user on notification (user_id) where status = 'unread';

-- Each user's stream sequence. The row lock taken by the increment serialises one user's
-- changes, so seq order is commit order, without gaps.
create table user_stream (
    user_id  varchar(255) primary key,
    last_seq bigint       not null
);

-- Events committed with their change and not yet acknowledged by Kafka. The relay publishes in
-- id order and deletes what Kafka acknowledged.
create table outbox (
    id          bigserial    primary key,
    event_id    uuid         not null,
    event_type  varchar(64)  not null,
    user_id     varchar(255) not null,
    seq         bigint       not null,
    occurred_at timestamptz  not null,
    payload     bytea        not null
);
