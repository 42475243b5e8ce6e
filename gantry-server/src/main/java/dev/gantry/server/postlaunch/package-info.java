/**
 * After launch: success-metric snapshots (hourly on launch day, daily after, as the plan's
 * reviews say), critical bugs, rollbacks, and the day-7 review built from them.
 */
package dev.gantry.server.postlaunch;
