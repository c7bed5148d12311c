/**
 * The HTTP edge shared by every endpoint: the request size limit, the check that a body is valid text in its
 * charset, and reading JSON values only as their own types.
 */
package com.coaching.notifications.writer.api;
