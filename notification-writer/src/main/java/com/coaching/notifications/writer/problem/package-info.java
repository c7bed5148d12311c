/**
 * How errors are answered: RFC 9457 problems for the API and the filters before it, and which failures
 * mean the database is out of reach. Serves every feature and knows none.
 */
package com.coaching.notifications.writer.problem;
