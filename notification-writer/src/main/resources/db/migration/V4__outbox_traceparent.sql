-- The W3C traceparent of the request that made the change, so the relay's publish continues its trace
-- (sent as the traceparent header of the event record). Null where there was none (rows written before).
alter table outbox add column traceparent varchar(55);
