package followthrough.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * The benchmark's percentiles and the way its summary writes figures: every p50, p99 and ratio in
 * docs/benchmarks.md comes through these.
 */
class StatsTest {

    @Test
    void aPercentileIsTheNearestRankOfTheSortedValues() {
        List<Double> hundred = new ArrayList<>(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList());
        Collections.reverse(hundred);

        assertThat(Stats.percentile(hundred, 50)).isEqualTo(50.0);
        assertThat(Stats.percentile(hundred, 99)).isEqualTo(99.0);
        assertThat(Stats.percentile(hundred, 100)).isEqualTo(100.0);
        assertThat(Stats.percentile(hundred, 0)).as("the lowest, not an index before it").isEqualTo(1.0);
        assertThat(hundred.get(0)).as("the caller's list is left as it was").isEqualTo(100.0);
    }

    @Test
    void aFewValuesGiveTheirHighestAsP99AndTheLowerMiddleAsMedian() {
        List<Double> ten = List.of(7.0, 3.0, 10.0, 1.0, 9.0, 2.0, 8.0, 4.0, 6.0, 5.0);

        assertThat(Stats.percentile(ten, 99)).isEqualTo(10.0);
        assertThat(Stats.percentile(ten, 50)).isEqualTo(5.0);
        assertThat(Stats.percentile(List.of(42.0), 99)).isEqualTo(42.0);
    }

    @Test
    void noValuesHaveNoPercentile() {
        assertThat(Stats.percentile(List.of(), 50)).isNaN();
        assertThat(Stats.percentile(null, 99)).isNaN();
    }

    @Test
    void theSummaryWritesFiguresWithOneDecimalBelowAHundredAndRatiosWithTwo() {
        assertThat(Benchmark.f(12.345)).isEqualTo("12.3");
        assertThat(Benchmark.f(143.4)).isEqualTo("143");
        assertThat(Benchmark.f2(0.6649)).isEqualTo("0.66");
        assertThat(Benchmark.f2(1.0 / 0.0)).isEqualTo("Infinity");
    }
}
