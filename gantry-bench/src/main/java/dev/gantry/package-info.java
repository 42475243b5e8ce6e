/** JMH benchmarks and load drivers, Gantry beside its peers. */
package dev.gantry;
