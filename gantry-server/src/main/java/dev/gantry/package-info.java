/** The Gantry control plane server. */
package dev.gantry;
