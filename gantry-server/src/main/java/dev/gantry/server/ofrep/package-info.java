/** The OpenFeature Remote Evaluation Protocol (OFREP) endpoints. */
package dev.gantry.server.ofrep;
