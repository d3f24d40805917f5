package com.followthrough.vocabulary;

import java.util.Optional;
import java.util.Set;

/** The case priority, and the Tasklist task priority it gives the case's tasks (Camunda's default 50 = normal). */
public enum Priority {
    LOW("low", "Low", 25),
    NORMAL("normal", "Normal", 50),
    HIGH("high", "High", 75),
    URGENT("urgent", "Urgent", 100);

    public static final Set<String> IDS = Ids.of(values(), Priority::id);

    private final String id;
    private final String word;
    private final int taskPriority;

    Priority(String id, String word, int taskPriority) {
        this.id = id;
        this.word = word;
        this.taskPriority = taskPriority;
    }

    /** As a form option reads: "High". */
    public String word() {
        return word;
    }

    /** "high priority"; an unknown id as it is. */
    public static String words(String id) {
        return of(id).map(priority -> priority.word.toLowerCase(java.util.Locale.ROOT) + " priority")
                .orElse(id == null ? "" : id);
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
