package com.followthrough.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README stays a front page, and the manuals in {@code docs/} hold together: every relative link in the README and
 * in {@code docs/} points to a file in the repository and, for a Markdown file, to a heading it has (as GitHub
 * makes anchors of headings). A moved section or a renamed file fails here instead of leaving a reader at a 404.
 */
class ReadmeAndDocsTest {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final int README_MAX_LINES = 250;

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    @TempDir
    Path copy;

    @Test
    void theReadmeIsAFrontPageOfAtMost250Lines() throws IOException {
        List<String> readme = Files.readAllLines(PROJECT.resolve("README.md"));

        assertThat(readme).as("README.md is a front page: move details to docs/").hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void everyRelativeLinkInTheReadmeAndTheDocsPointsToAFileAndHeadingThatExist() {
        Links links = Links.of(PROJECT);

        assertThat(links.checked()).as("the check reads the links between the manuals")
                .contains("README.md -> docs/agents.md", "docs/agents.md -> images/tasklist-promise-callback.png");
        assertThat(links.broken()).isEmpty();
    }

    @Test
    void aLinkToAMissingFileAHeadingThatMovedOrAPlaceOutsideTheRepositoryIsNamed() throws IOException {
        Files.createDirectories(copy.resolve("docs/images"));
        Files.writeString(copy.resolve("docs/images/case.png"), "png");
        Files.writeString(copy.resolve("docs/api.md"), """
                # The intake API (`/api`)

                ## Errors: what a refusal says

                ```bash
                echo "[not a link](nowhere.md)"
                ```
                """);
        Files.writeString(copy.resolve("README.md"), """
                # Front page

                ![The case](docs/images/case.png), [errors](docs/api.md#errors-what-a-refusal-says),
                [Camunda](https://docs.camunda.org/), [the layout](#front-page) and `[code](skipped.md)`.

                [Settings](docs/operations.md#settings), [the API errors](docs/api.md#errors),
                [the seeds](../shared/seeds/what-customer-support-should-be.txt).
                """);

        Links links = Links.of(copy);

        assertThat(links.broken()).containsExactly(
                "README.md:6 links to docs/operations.md#settings, which does not exist",
                "README.md:6 links to docs/api.md#errors, but docs/api.md has no heading with that anchor",
                "README.md:7 links to ../shared/seeds/what-customer-support-should-be.txt, which is outside the repository");
    }

    /** The relative links of README.md and docs/**.md, and those that lead nowhere. */
    record Links(List<String> checked, List<String> broken) {

        static Links of(Path root) {
            List<String> checked = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            Map<Path, Set<String>> anchors = new HashMap<>();
            for (Path page : pages(root)) {
                String from = root.relativize(page).toString().replace('\\', '/');
                List<String> lines = read(page).lines().toList();
                boolean inFence = false;
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.trim().startsWith("```")) {
                        inFence = !inFence;
                        continue;
                    }
                    if (inFence) {
                        continue;
                    }
                    Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
                    while (link.find()) {
                        String target = link.group(1);
                        if (EXTERNAL.matcher(target).matches()) {
                            continue;
                        }
                        checked.add(from + " -> " + target);
                        String where = from + ":" + (i + 1) + " links to " + target;
                        int hash = target.indexOf('#');
                        String file = hash < 0 ? target : target.substring(0, hash);
                        String anchor = hash < 0 ? null : target.substring(hash + 1);
                        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                        if (!resolved.startsWith(root)) {
                            broken.add(where + ", which is outside the repository");
                        } else if (!Files.exists(resolved)) {
                            broken.add(where + ", which does not exist");
                        } else if (anchor != null && resolved.toString().endsWith(".md")
                                && !anchors.computeIfAbsent(resolved, Links::headingAnchors).contains(anchor)) {
                            broken.add(where + ", but " + root.relativize(resolved).toString().replace('\\', '/')
                                    + " has no heading with that anchor");
                        }
                    }
                }
            }
            return new Links(checked, broken);
        }

        /** GitHub's anchors: the heading's text in lower case, without punctuation, spaces as hyphens. */
        static Set<String> headingAnchors(Path page) {
            Set<String> anchors = new LinkedHashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean inFence = false;
            for (String line : read(page).lines().toList()) {
                if (line.trim().startsWith("```")) {
                    inFence = !inFence;
                }
                Matcher heading = HEADING.matcher(line);
                if (inFence || !heading.matches()) {
                    continue;
                }
                String text = heading.group(1).replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
                String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
            return anchors;
        }

        private static List<Path> pages(Path root) {
            List<Path> pages = new ArrayList<>();
            pages.add(root.resolve("README.md"));
            Path docs = root.resolve("docs");
            if (Files.isDirectory(docs)) {
                try (Stream<Path> walk = Files.walk(docs)) {
                    walk.filter(p -> p.toString().endsWith(".md"))
                            .filter(p -> !p.toString().contains("node_modules"))
                            .sorted().forEach(pages::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return pages;
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
