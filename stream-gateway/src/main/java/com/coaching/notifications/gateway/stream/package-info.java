/**
 * The SSE stream itself: admitting and registering a user's connections, the frames and their order (resume
 * from the writer's history, dedupe by seq, gaps), heartbeats, slow clients and shutdown, and its metrics.
 */
package com.coaching.notifications.gateway.stream;
