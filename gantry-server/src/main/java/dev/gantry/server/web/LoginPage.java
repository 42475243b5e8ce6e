package dev.gantry.server.web;

/**
 * The sign-in form.
 *
 * @param chrome the frame
 * @param nonce the form's one-time CSRF value
 * @param next where to go after signing in
 * @param error why the last attempt failed, empty when there was none
 */
public record LoginPage(Chrome chrome, String nonce, String next, String error) {}
