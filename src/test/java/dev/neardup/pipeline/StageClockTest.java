package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Busy-time accounting per stage, on a clock the test moves by hand (no timing). */
class StageClockTest {
  @Test
  void laps_add_their_time_to_their_stage_and_fractions_divide_by_wall_and_threads() {
    AtomicLong now = new AtomicLong();
    StageClock clock = new StageClock(now::get).stage("decode", 2).stage("forward", 1);
    clock.stage("commit", 1);

    now.set(0);
    StageClock.Lap first = clock.time("decode");
    now.set(10);
    StageClock.Lap second = clock.time("decode"); // the other decode thread, overlapping
    now.set(30);
    first.close(); // 30
    try (StageClock.Lap lap = clock.time("forward")) {
      now.set(90); // 60
    }
    second.close(); // 80

    assertEquals(
        List.of(
            new StageProfile("decode", 2, 110e-9, 110 / 200.0),
            new StageProfile("forward", 1, 60e-9, 60 / 100.0),
            new StageProfile("commit", 1, 0, 0)),
        clock.profile(100));
  }

  @Test
  void a_run_of_no_wall_time_has_busy_fractions_of_zero() {
    AtomicLong now = new AtomicLong();
    StageClock clock = new StageClock(now::get).stage("forward", 1);
    try (StageClock.Lap lap = clock.time("forward")) {
      now.set(5);
    }
    assertEquals(List.of(new StageProfile("forward", 1, 5e-9, 0)), clock.profile(0));
  }

  @Test
  void laps_from_many_threads_add_up_exactly() throws InterruptedException {
    // Each thread reads its own clock, advanced by 7 ns per reading: every lap is exactly 7 ns.
    ThreadLocal<long[]> own = ThreadLocal.withInitial(() -> new long[1]);
    StageClock clock = new StageClock(() -> own.get()[0] += 7).stage("decode", 4);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 10_000; i++) {
                      clock.time("decode").close();
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    StageProfile p = clock.profile(70_000).get(0);
    assertEquals(4 * 10_000 * 7e-9, p.busySeconds(), 1e-15);
    assertEquals(1.0, p.busyFraction(), 1e-12);
  }

  @Test
  void an_undeclared_or_twice_declared_stage_is_refused_by_name() {
    StageClock clock = new StageClock(() -> 0).stage("decode", 2);
    var undeclared = assertThrows(IllegalArgumentException.class, () -> clock.time("decod"));
    assertEquals("undeclared stage 'decod'; have [decode]", undeclared.getMessage());
    var twice = assertThrows(IllegalArgumentException.class, () -> clock.stage("decode", 1));
    assertEquals("stage 'decode' declared twice", twice.getMessage());
    var threads = assertThrows(IllegalArgumentException.class, () -> clock.stage("write", 0));
    assertEquals("stage 'write' needs >= 1 thread; got 0", threads.getMessage());
  }

  @Test
  void the_off_clock_accepts_any_lap_and_keeps_nothing() {
    try (StageClock.Lap lap = StageClock.off().time("anything")) {
      assertTrue(StageClock.off().profile(100).isEmpty());
    }
    assertTrue(StageClock.off().profile(100).isEmpty());
  }
}
