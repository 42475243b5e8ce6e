/**
 * The web dashboard: server-rendered pages (jte templates compiled at build time), sign-in with
 * an API token into an in-memory session, CSRF-checked forms, and the browser assets served from
 * WebJars. Handlers call the server's services directly, never the JSON API over HTTP.
 */
package dev.gantry.server.web;
