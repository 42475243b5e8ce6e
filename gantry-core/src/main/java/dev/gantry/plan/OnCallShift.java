package dev.gantry.plan;

import java.util.Optional;

/**
 * A shift of the on-call rotation.
 *
 * @param name the shift as people say it (Week 1)
 * @param from its first day
 * @param until its last day
 * @param primary who is paged first
 * @param secondary who is paged next
 */
public record OnCallShift(String name, DayRef from, DayRef until, String primary, Optional<String> secondary) {}
