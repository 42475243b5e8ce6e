/** Connection pool, migrations and the single writer path shared by every feature's store. */
package dev.gantry.server.db;
