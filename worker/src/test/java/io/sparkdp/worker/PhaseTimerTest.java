package io.sparkdp.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseTimerTest {
    private static final long SLEEP_MILLIS = 20;

    private static void sleep() {
        try {
            Thread.sleep(SLEEP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void timeAddsTheDurationToItsPhaseOnly() {
        PhaseTimer timer = new PhaseTimer();

        String result = timer.time(Phase.COMPUTE, () -> {
            sleep();
            return "done";
        });
        timer.time(Phase.COMPUTE, PhaseTimerTest::sleep);

        assertEquals("done", result);
        assertTrue(timer.millis(Phase.COMPUTE) >= 2 * SLEEP_MILLIS, "compute " + timer.millis(Phase.COMPUTE));
        for (Phase phase : Phase.values()) {
            if (phase != Phase.COMPUTE) {
                assertEquals(0, timer.nanos(phase), phase.name());
            }
        }
    }

    @Test
    void timeCountsWorkThatFails() {
        PhaseTimer timer = new PhaseTimer();

        assertThrows(IllegalStateException.class, () -> timer.time(Phase.UPDATE, () -> {
            sleep();
            throw new IllegalStateException("boom");
        }));

        assertTrue(timer.millis(Phase.UPDATE) >= SLEEP_MILLIS, "update " + timer.millis(Phase.UPDATE));
    }

    @Test
    void moveShiftsTimeWithoutCreatingAny() {
        PhaseTimer timer = new PhaseTimer();
        timer.add(Phase.AGGREGATE, 1_000_000);
        timer.add(Phase.BROADCAST, 500_000);

        timer.move(Phase.AGGREGATE, Phase.COMPUTE, 300_000);

        assertEquals(700_000, timer.nanos(Phase.AGGREGATE));
        assertEquals(300_000, timer.nanos(Phase.COMPUTE));
        assertEquals(1.5, timer.totalMillis(), 1e-12);
    }

    @Test
    void moveTakesAtMostWhatThePhaseHolds() {
        PhaseTimer timer = new PhaseTimer();
        timer.add(Phase.AGGREGATE, 200_000);

        timer.move(Phase.AGGREGATE, Phase.COMPUTE, 900_000);

        assertEquals(0, timer.nanos(Phase.AGGREGATE));
        assertEquals(200_000, timer.nanos(Phase.COMPUTE));
        assertEquals(0.2, timer.totalMillis(), 1e-12);
    }

    @Test
    void totalMillisSumsEveryPhase() {
        PhaseTimer timer = new PhaseTimer();
        long nanos = 1_000_000;
        for (Phase phase : Phase.values()) {
            timer.add(phase, nanos);
            nanos *= 2;
        }

        assertEquals((1 << Phase.values().length) - 1, timer.totalMillis(), 1e-12);
        Map<Phase, Double> byPhase = timer.millisByPhase();
        assertEquals(Phase.values().length, byPhase.size());
        assertEquals(1 << Phase.BROADCAST.ordinal(), byPhase.get(Phase.BROADCAST), 1e-12);
        assertEquals(1 << Phase.VALIDATE.ordinal(), byPhase.get(Phase.VALIDATE), 1e-12);
        assertEquals(timer.totalMillis(), byPhase.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
    }
}
