/**
 * How much one replica takes on: the attempt budgets per client address and per user, the caps on open
 * streams, the client's address behind trusted proxies, and the refusals (429/503 with Retry-After), which
 * it decides and counts. It knows nothing of the streams it limits.
 */
package com.coaching.notifications.gateway.limits;
