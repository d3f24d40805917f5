package com.followthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The embedded default (H2 on a file, {@code spring.datasource.url} in application.yaml) keeps 128 MB of the file's
 * pages in memory: with H2's default of 16 MB, the insights over 300,000 closed cases read their case facts back from
 * the file on every report (issue 16, docs/benchmarks.md "Big sizes").
 */
class EmbeddedDatabaseCacheTest {

    @TempDir
    Path directory;

    @Test
    void theEmbeddedDatabaseKeeps128MegabytesOfPagesInMemory() throws Exception {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        Properties settings = yaml.getObject();
        String url = settings.getProperty("spring.datasource.url")
                .replace("./data/follow-through", directory.resolve("follow-through").toString());

        try (Connection connection = DriverManager.getConnection(url, settings.getProperty("spring.datasource.username"), "");
             ResultSet cache = connection.createStatement().executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
            assertThat(cache.next()).isTrue();
            assertThat(cache.getString(1)).isEqualTo("128");
        }
    }
}
