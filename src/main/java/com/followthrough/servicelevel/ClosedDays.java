package com.followthrough.servicelevel;

import java.time.LocalDate;
import java.util.Set;

/** The days a team does not work although it is one of its working days: public holidays, closed days. */
@FunctionalInterface
public interface ClosedDays {

    /** A team that closes only on the days that are not its working days. */
    ClosedDays NONE = day -> false;

    boolean isClosed(LocalDate day);

    /** Closed on exactly these dates. */
    static ClosedDays on(Set<LocalDate> dates) {
        Set<LocalDate> closed = Set.copyOf(dates);
        return closed::contains;
    }
}
