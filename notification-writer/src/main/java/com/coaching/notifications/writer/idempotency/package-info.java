/** Idempotency keys: an operation runs once per caller and key, and a repeat gets the first response again. */
package com.coaching.notifications.writer.idempotency;
