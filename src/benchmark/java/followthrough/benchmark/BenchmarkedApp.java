package followthrough.benchmark;

import org.springframework.boot.SpringApplication;

import com.followthrough.FollowThroughApplication;

/** Follow-Through as it runs, plus the benchmark's statement counter and its read-only probes ({@link Probes}). */
public final class BenchmarkedApp {

    private BenchmarkedApp() {
    }

    public static void main(String[] args) {
        SpringApplication.run(new Class<?>[] {FollowThroughApplication.class, StatementCounter.class, Probes.class}, args);
    }
}
