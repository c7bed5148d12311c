/** Who may call what: bearer tokens checked by the shared access-token policy, and problems for 401 and 403. */
package com.coaching.notifications.writer.security;
