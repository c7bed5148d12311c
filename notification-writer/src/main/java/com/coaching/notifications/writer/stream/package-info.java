/**
 * Each user's stream: the sequence that numbers a user's changes, the one path from a change to its event,
 * and the history a resuming client reads.
 */
package com.coaching.notifications.writer.stream;
