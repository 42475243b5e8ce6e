/** HTTP concerns shared by every feature: problem details, strict JSON bodies, security headers. */
package dev.gantry.server.http;
