/**
 * The check of the ids that create notifications ({@link com.coaching.notifications.writer.userid.UserIdPattern})
 * against {@code notifications.user-ids.pattern}, the rule of {@link com.coaching.notifications.auth.UserIds}
 * that also decides which token subjects are users, so that made-up ids cannot grow the per-user tables
 * without bound.
 */
package com.coaching.notifications.writer.userid;
