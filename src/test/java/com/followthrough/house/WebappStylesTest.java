package com.followthrough.house;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The product's {@code styles/user-styles.css} is one style sheet in four places, because each Camunda webapp loads its
 * own copy: a change made to one webapp's copy and not to the others would show Tasklist, Cockpit, Admin and Welcome
 * differently (the migration notice back in one of them, or the page under the header out of place).
 */
class WebappStylesTest {

    private static final Path WEBAPPS = Path.of("src/main/resources/META-INF/resources/webjars/camunda/app");

    @Test
    void everyWebappHasTheSameStyleSheet() throws IOException {
        String tasklist = Files.readString(WEBAPPS.resolve("tasklist/styles/user-styles.css"));

        assertThat(tasklist).contains(".ce-eol-banner");
        for (String webapp : List.of("cockpit", "admin", "welcome")) {
            assertThat(Files.readString(WEBAPPS.resolve(webapp + "/styles/user-styles.css")))
                    .as(webapp + "'s user-styles.css").isEqualTo(tasklist);
        }
    }
}
