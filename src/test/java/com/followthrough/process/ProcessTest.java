package com.followthrough.process;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import com.followthrough.FollowThroughSpringTest;

/**
 * A process test class: the one Spring test context ({@link FollowThroughSpringTest}), process coverage recorded for
 * the class ({@link ProcessCoverage}), camunda-bpm-assert on the application's engine, and the engine's clock at
 * {@link #startsAt()} before each test and reset after it ({@link ProcessTestExtension}). A class's own
 * {@code @BeforeEach} runs with the clock already set; its {@code @AfterEach} before the clock is reset.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@FollowThroughSpringTest
@ExtendWith(ProcessTestExtension.class)
public @interface ProcessTest {

    /** Monday 23 November 2026, 09:00 in Berlin ({@link CaseDriver#MONDAY_9AM}). */
    String MONDAY_MORNING = "2026-11-23T09:00";

    /** When each test starts, local time in Berlin ({@link CaseDriver#berlin}); a Monday morning unless set. */
    String startsAt() default MONDAY_MORNING;
}
