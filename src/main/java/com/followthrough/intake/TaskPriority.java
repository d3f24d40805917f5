package com.followthrough.intake;

/** The case priority as a Tasklist task priority (Camunda's default is 50 = normal). */
final class TaskPriority {

    private TaskPriority() {
    }

    static int of(String casePriority) {
        return switch (casePriority) {
            case "urgent" -> 100;
            case "high" -> 75;
            case "low" -> 25;
            default -> 50;
        };
    }
}
