/** The OpenFeature provider over the Gantry flag SDK. */
package dev.gantry;
