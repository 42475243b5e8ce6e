/** The hash-chained audit log: append inside write transactions, query, verify. */
package dev.gantry.server.audit;
