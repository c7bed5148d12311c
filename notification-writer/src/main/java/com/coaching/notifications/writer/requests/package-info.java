/**
 * Intake from the request topic: reading each record as its schema says, the API's rules plus a request id,
 * and what a failure means for the record (dead letter or retry).
 */
package com.coaching.notifications.writer.requests;
