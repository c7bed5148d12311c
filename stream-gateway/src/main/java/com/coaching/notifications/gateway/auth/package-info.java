/**
 * Who is asking: the access-token check of every request (a bearer header, or for the stream its session
 * cookie), the 401 problem with its challenge, and the session endpoint that trades a token for that cookie.
 */
package com.coaching.notifications.gateway.auth;
