/**
 * The transactional outbox and its relay: rows appended in the change's transaction, published to Kafka
 * partition by partition on connections of the relay's own, deleted once acknowledged.
 */
package com.coaching.notifications.writer.outbox;
