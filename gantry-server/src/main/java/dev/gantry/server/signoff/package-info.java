/** Sign-offs of release revisions over the API, by the rules of {@link dev.gantry.signoff.SignOffRules}. */
package dev.gantry.server.signoff;
