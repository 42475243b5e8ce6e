/** Gantry flags: the flag model, the evaluator and the Java SDK. */
package dev.gantry;
