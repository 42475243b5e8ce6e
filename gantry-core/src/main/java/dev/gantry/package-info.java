/**
 * Gantry core: the release plan model, its loading and validation, and the engines that
 * analyse, gate and generate from it. Nothing here does network I/O to a server or logs.
 */
package dev.gantry;
