package com.followthrough.vocabulary;

import java.util.Optional;
import java.util.Set;

/** The case priority, and the Tasklist task priority it gives the case's tasks (Camunda's default 50 = normal). */
public enum Priority {
    LOW("low", 25),
    NORMAL("normal", 50),
    HIGH("high", 75),
    URGENT("urgent", 100);

    public static final Set<String> IDS = Ids.of(values(), Priority::id);

    private final String id;
    private final int taskPriority;

    Priority(String id, int taskPriority) {
        this.id = id;
        this.taskPriority = taskPriority;
    }

    /** As the case variable {@code priority} and the JSON have it. */
    public String id() {
        return id;
    }

    public int taskPriority() {
        return taskPriority;
    }

    public static Optional<Priority> of(String id) {
        return Ids.find(values(), Priority::id, id);
    }
}
