package dev.gantry.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.plan.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plays the server around the engine: keeps the history as JSON rows (as a store would), appends
 * each decision's events, performs effects on a fake flag store, and checks after every decision
 * that running it again decides nothing new.
 */
final class Driver {
    final Rollout spec;
    final FakeClock clock;
    final List<String> rows = new ArrayList<>();
    final List<RolloutEffect> performed = new ArrayList<>();
    final Map<String, Double> percent = new HashMap<>();
    final Map<String, Boolean> enabled = new HashMap<>();
    int webhookCalls;
    int pages;
    RolloutEngine engine;

    Driver(Rollout spec) {
        this(spec, new FakeClock());
    }

    Driver(Rollout spec, FakeClock clock) {
        this.spec = spec;
        this.clock = clock;
        this.engine = new RolloutEngine(spec, new RolloutIdentity("r-1", "shop/2.0.0"), clock);
    }

    /** The history, read back from its JSON rows. */
    List<RolloutEvent> history() {
        return rows.stream().map(RolloutEvent::fromJson).toList();
    }

    RolloutState state() {
        return RolloutState.replay(spec, history());
    }

    Decision command(RolloutCommand command) {
        Decision decision = engine.apply(history(), command);
        record(decision);
        return decision;
    }

    Decision evaluate(Observations observations) {
        Decision decision = engine.evaluate(history(), observations);
        record(decision);
        Decision again = engine.evaluate(history(), observations);
        assertThat(again.events()).as("evaluating again with the same inputs decides nothing new").isEmpty();
        assertThat(again.effects()).isEmpty();
        return decision;
    }

    /** Moves the clock to {@code at} and evaluates once. */
    Decision evaluateAt(Instant at, java.util.function.Supplier<Observations> observations) {
        clock.set(at);
        return evaluate(observations.get());
    }

    /**
     * Evaluates every {@code step} until {@code end} (inclusive), with observations computed from
     * the time and the current state.
     */
    void runUntil(Instant end, Duration step, Function<Instant, Observations> observations) {
        while (!clock.instant().isAfter(end)) {
            evaluate(observations.apply(clock.instant()));
            if (state().finished()) {
                return;
            }
            clock.advance(step);
        }
    }

    /** Appends a decision's events without performing its effects: a crash right after the commit. */
    void appendOnly(Decision decision) {
        decision.events().forEach(event -> rows.add(event.toJson()));
    }

    /** A restart: a new engine over the stored rows, and every effect not yet performed done now (the outbox). */
    void restart() {
        engine = new RolloutEngine(spec, new RolloutIdentity("r-1", "shop/2.0.0"), clock);
        List<RolloutEvent> history = history();
        for (int sequence = 0; sequence < history.size(); sequence++) {
            engine.effectsOf(history, sequence).forEach(this::perform);
        }
    }

    void record(Decision decision) {
        for (RolloutEvent event : decision.events()) {
            String json = event.toJson();
            assertThat(RolloutEvent.fromJson(json)).isEqualTo(event);
            rows.add(json);
        }
        assertThat(state()).isEqualTo(decision.state());
        decision.effects().forEach(this::perform);
    }

    void perform(RolloutEffect effect) {
        if (performed.stream().anyMatch(done -> done.key().equals(effect.key()))) {
            return;
        }
        performed.add(effect);
        switch (effect) {
            case RolloutEffect.SetPercent set -> percent.put(set.flag(), set.percent());
            case RolloutEffect.EnableFlag enable -> enabled.put(enable.flag(), true);
            case RolloutEffect.KillFlag kill -> {
                percent.put(kill.flag(), 0.0);
                enabled.put(kill.flag(), false);
            }
            case RolloutEffect.CallRollbackWebhooks hooks -> webhookCalls++;
            case RolloutEffect.PageOwner page -> pages++;
            case RolloutEffect.Notify notify -> { }
        }
    }

    double percentOf(String flag) {
        return percent.getOrDefault(flag, 0.0);
    }

    <T extends RolloutEvent> List<T> events(Class<T> type) {
        return history().stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends RolloutEffect> List<T> effects(Class<T> type) {
        return performed.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Healthy observations: every guard reads {@code value}, with {@code samples} evaluations in the phase. */
    Observations healthy(double value, long samples) {
        Map<String, GuardSample> samplesByGuard = new HashMap<>();
        for (Rollout.Guard guard : spec.guards()) {
            samplesByGuard.put(guard.id(), new GuardSample.Value(clock.instant(), value));
        }
        return new Observations(samplesByGuard, samples, false);
    }

    Observations with(String guard, GuardSample sample, long samples) {
        Map<String, GuardSample> samplesByGuard = new HashMap<>(healthy(0, samples).samples());
        samplesByGuard.put(guard, sample);
        return new Observations(samplesByGuard, samples, false);
    }

    Optional<RolloutEvent> last() {
        List<RolloutEvent> history = history();
        return history.isEmpty() ? Optional.empty() : Optional.of(history.getLast());
    }
}
