package dev.gantry.server.web;

/**
 * An error as a page: what went wrong and what to do, never a stack trace.
 *
 * @param chrome the frame
 * @param status the HTTP status
 * @param title what went wrong, short
 * @param detail what went wrong and what to do
 */
public record ErrorPage(Chrome chrome, int status, String title, String detail) {}
