/** API tokens with scopes, SDK keys per environment, authentication and its rate limit. */
package dev.gantry.server.auth;
