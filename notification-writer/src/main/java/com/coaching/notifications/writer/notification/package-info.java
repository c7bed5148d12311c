/**
 * Notifications themselves: the table and its entity, the inbox and creation API, its request and response
 * records and their field rules, and the service whose every change records its event through the stream.
 */
package com.coaching.notifications.writer.notification;
