/**
 * What a user id looks like ({@code notifications.user-ids.pattern}): the rule for the ids that create
 * notifications ({@link com.coaching.notifications.writer.userid.UserIdPattern}) and for the subjects of
 * user tokens ({@link com.coaching.notifications.writer.userid.UserIds#subjectOf}), so that made-up ids
 * cannot grow the per-user tables without bound.
 */
package com.coaching.notifications.writer.userid;
