/**
 * What every request of the stream feature passes through before the feature: its paths, CORS, the on/off
 * switch, and the RFC 9457 problem responses the other packages refuse requests with.
 */
package com.coaching.notifications.gateway.web;
