/** Scheduled pruning of what the writer keeps for a while only: the stream history and expired idempotency keys. */
package com.coaching.notifications.writer.housekeeping;
