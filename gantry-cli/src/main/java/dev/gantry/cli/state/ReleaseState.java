package dev.gantry.cli.state;

import dev.gantry.gate.Mark;
import dev.gantry.gate.Waiver;
import dev.gantry.signoff.SignOff;
import java.util.ArrayList;
import java.util.List;

/**
 * What people recorded about a release offline: manual items marked done, waivers granted and
 * sign-offs given. Kept in {@code .gantry/state.json} beside the plan (docs/gates.md, "State
 * file"); a server keeps the same records in its database instead.
 *
 * @param version the state file format, 1
 * @param marks manual items marked done, oldest first
 * @param waivers waivers granted, oldest first
 * @param signoffs sign-offs given, oldest first, each bound to the plan revision it signed
 */
public record ReleaseState(int version, List<Mark> marks, List<Waiver> waivers, List<SignOff> signoffs) {
    /** The format this Gantry writes and reads. */
    public static final int VERSION = 1;
    /** Nothing recorded yet. */
    public static final ReleaseState EMPTY = new ReleaseState(VERSION, List.of(), List.of(), List.of());

    public ReleaseState {
        marks = List.copyOf(marks == null ? List.of() : marks);
        waivers = List.copyOf(waivers == null ? List.of() : waivers);
        signoffs = List.copyOf(signoffs == null ? List.of() : signoffs);
    }

    /** This state with {@code mark} added. */
    public ReleaseState with(Mark mark) {
        List<Mark> more = new ArrayList<>(marks);
        more.add(mark);
        return new ReleaseState(VERSION, more, waivers, signoffs);
    }

    /** This state with {@code waiver} added. */
    public ReleaseState with(Waiver waiver) {
        List<Waiver> more = new ArrayList<>(waivers);
        more.add(waiver);
        return new ReleaseState(VERSION, marks, more, signoffs);
    }

    /** This state with {@code signOff} added. */
    public ReleaseState with(SignOff signOff) {
        List<SignOff> more = new ArrayList<>(signoffs);
        more.add(signOff);
        return new ReleaseState(VERSION, marks, waivers, more);
    }
}
