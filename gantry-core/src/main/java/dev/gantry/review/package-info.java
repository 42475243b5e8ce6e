/**
 * The day-7 launch review: success metrics against their targets, the critical-bug window,
 * incidents, rollbacks and open issues, and a decision with its reasons, rendered as Markdown.
 * The same rules run offline ({@code gantry review FILE --metric id=value}) and on the server.
 */
package dev.gantry.review;
