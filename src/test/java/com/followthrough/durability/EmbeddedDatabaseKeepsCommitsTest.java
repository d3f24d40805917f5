package com.followthrough.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The embedded default (H2 on a file, {@code spring.datasource.url} in application.yaml) has every commit on disk
 * when the commit returns: a JVM that commits and is then killed loses nothing. With H2's default write delay
 * (500 ms) the last commits before a {@code kill -9} were lost, cases answered 201 among them.
 */
class EmbeddedDatabaseKeepsCommitsTest {

    @TempDir
    Path directory;

    @Test
    void everyCommitIsOnDiskWhenTheProcessIsKilledRightAfterIt() throws Exception {
        assertEveryCommitSurvivesAKill("committing");
    }

    /** The app compacts the file while it runs ({@code EmbeddedDatabaseCompaction}): that loses no commit either. */
    @Test
    void everyCommitIsOnDiskWhenTheProcessIsKilledWhileTheFileIsCompacted() throws Exception {
        assertEveryCommitSurvivesAKill(CommitThenHalt.COMPACTING);
    }

    private void assertEveryCommitSurvivesAKill(String mode) throws Exception {
        Properties settings = applicationYaml();
        String url = settings.getProperty("spring.datasource.url");
        assertThat(url).startsWith("jdbc:h2:file:./data/follow-through");
        String fileUrl = url.replace("./data/follow-through", directory.resolve("follow-through").toString());
        String user = settings.getProperty("spring.datasource.username");

        Process committer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitThenHalt.class.getName(), fileUrl, user, "", mode)
                .redirectErrorStream(true).start();
        assertThat(committer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(committer.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("committed " + CommitThenHalt.COMMITS);

        assertThat(rowsIn(fileUrl, user)).isEqualTo(CommitThenHalt.COMMITS);
    }

    private static int rowsIn(String url, String user) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "");
             ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM answered")) {
            count.next();
            return count.getInt(1);
        }
    }

    private static Properties applicationYaml() throws IOException {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        return yaml.getObject();
    }
}
