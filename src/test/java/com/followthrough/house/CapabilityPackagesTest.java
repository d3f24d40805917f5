package com.followthrough.house;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Capabilities do not import each other in a circle (CONVENTIONS.md, "Packages import downwards only"): the packages
 * under {@code com.followthrough} and the shared classes in it form no cycle. A dependency is any mention of another
 * package's class by its full name, in an import or in the code. When two capabilities must talk both ways, one
 * publishes an interface or a Spring event that the other implements or listens to.
 */
class CapabilityPackagesTest {

    static final Path SOURCES = Path.of("src/main/java/com/followthrough");
    static final String SHARED = "(com.followthrough)";

    private static final Pattern MENTION = Pattern.compile("\\bcom\\.followthrough\\.(?:([a-z]\\w*)\\.)?([A-Z]\\w*)");

    @Test
    void noCapabilityPackagesDependOnEachOtherInACircle() throws IOException {
        Map<String, Map<String, Set<String>>> dependencies = dependencies(SOURCES);

        assertThat(dependencies).as("the test reads the packages and what they use")
                .containsKeys("communication", "servicelevel", "tasklist", "casefile", "intake", SHARED)
                .hasEntrySatisfying("promise", uses -> assertThat(uses).containsKeys("communication", "servicelevel"));
        assertThat(cycles(dependencies)).isEmpty();
    }

    @Test
    void aCycleIsNamedWithTheClassesThatCloseIt() {
        Map<String, Map<String, Set<String>>> dependencies = new TreeMap<>();
        uses(dependencies, "communication", "servicelevel", "MessageComposer -> servicelevel.CaseDeadlines");
        uses(dependencies, "servicelevel", "communication", "ProgressUpdates -> communication.CustomerMessages");
        uses(dependencies, "tasklist", "communication", "CaseContext -> communication.CustomerTimes");

        assertThat(cycles(dependencies)).containsExactly("communication -> servicelevel -> communication:"
                + " communication -> servicelevel [MessageComposer -> servicelevel.CaseDeadlines];"
                + " servicelevel -> communication [ProgressUpdates -> communication.CustomerMessages]");
    }

    /** Package → the packages it uses → "Class -> package.Used" for each use. */
    static Map<String, Map<String, Set<String>>> dependencies(Path sources) throws IOException {
        Map<String, Map<String, Set<String>>> dependencies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = sources.relativize(file);
                String from = relative.getNameCount() == 1 ? SHARED : relative.getName(0).toString();
                String className = file.getFileName().toString().replace(".java", "");
                dependencies.computeIfAbsent(from, p -> new TreeMap<>());
                Matcher mention = MENTION.matcher(Files.readString(file).replaceFirst("(?m)^package .*$", ""));
                while (mention.find()) {
                    String to = mention.group(1) == null ? SHARED : mention.group(1);
                    if (!to.equals(from)) {
                        uses(dependencies, from, to, className + " -> "
                                + (mention.group(1) == null ? "" : mention.group(1) + ".") + mention.group(2));
                    }
                }
            }
        }
        return dependencies;
    }

    private static void uses(Map<String, Map<String, Set<String>>> dependencies, String from, String to, String how) {
        dependencies.computeIfAbsent(from, p -> new TreeMap<>()).computeIfAbsent(to, p -> new TreeSet<>()).add(how);
        dependencies.computeIfAbsent(to, p -> new TreeMap<>());
    }

    /**
     * Each group of packages that reach each other (a strongly connected component, Tarjan), as one shortest circle
     * through its first package with the uses that close it.
     */
    static List<String> cycles(Map<String, Map<String, Set<String>>> dependencies) {
        List<String> findings = new ArrayList<>();
        for (Set<String> component : components(dependencies)) {
            if (component.size() < 2) {
                continue;
            }
            String start = component.iterator().next();
            List<String> circle = shortestCircle(dependencies, component, start);
            StringBuilder finding = new StringBuilder(String.join(" -> ", circle)).append(":");
            for (int i = 0; i + 1 < circle.size(); i++) {
                finding.append(i == 0 ? " " : "; ").append(circle.get(i)).append(" -> ").append(circle.get(i + 1))
                        .append(" ").append(dependencies.get(circle.get(i)).get(circle.get(i + 1)));
            }
            if (component.size() > circle.size() - 1) {
                finding.append("; and with them ").append(component);
            }
            findings.add(finding.toString());
        }
        return findings;
    }

    private static List<Set<String>> components(Map<String, Map<String, Set<String>>> dependencies) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> components = new ArrayList<>();
        for (String node : dependencies.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, dependencies, index, low, stack, components);
            }
        }
        return components;
    }

    private static void connect(String node, Map<String, Map<String, Set<String>>> dependencies,
                                Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                                List<Set<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        for (String next : dependencies.getOrDefault(node, Map.of()).keySet()) {
            if (!index.containsKey(next)) {
                connect(next, dependencies, index, low, stack, components);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }

    /** Breadth first from {@code start} back to it, inside the component. */
    private static List<String> shortestCircle(Map<String, Map<String, Set<String>>> dependencies,
                                               Set<String> component, String start) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String node = queue.poll();
            for (String next : dependencies.get(node).keySet()) {
                if (next.equals(start)) {
                    Deque<String> circle = new ArrayDeque<>(List.of(start));
                    for (String at = node; at != null; at = cameFrom.get(at)) {
                        circle.addFirst(at);
                    }
                    return List.copyOf(circle);
                }
                if (component.contains(next) && !cameFrom.containsKey(next) && !next.equals(start)) {
                    cameFrom.put(next, node);
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException(start + " is in a cycle but no circle leads back to it");
    }
}
