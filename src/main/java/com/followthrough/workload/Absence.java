package com.followthrough.workload;

import java.time.Instant;

/**
 * An agent away from {@code startsAt} until {@code endsAt} (exclusive), as a supervisor entered it; their work goes to
 * {@code handOverTo}, or to the case team's queue when that is null.
 */
public record Absence(String user, Instant startsAt, Instant endsAt, String handOverTo, String recordedBy,
                      Instant recordedAt) {

    public boolean covers(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }

    public boolean overlaps(Instant from, Instant to) {
        return startsAt.isBefore(to) && from.isBefore(endsAt);
    }
}
