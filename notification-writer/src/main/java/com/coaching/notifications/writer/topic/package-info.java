/** The topics the writer produces and consumes, created on startup unless they exist. */
package com.coaching.notifications.writer.topic;
