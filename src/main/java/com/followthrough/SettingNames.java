package com.followthrough;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.BoundConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stops the start on a {@code follow-through.*} setting that nothing reads. Spring Boot ignores unknown names, so a
 * typo ({@code callback.max-atempts}, {@code mail.form}) left the default in force without a word, and the customers
 * were promised what the operator meant to change. Every name set in a file, an argument or a system property must
 * have been bound to one of our settings records by the time the singletons exist, or be read directly. Environment
 * variables are not checked: their names cannot tell a dash from a dot.
 */
@Component
public class SettingNames implements SmartInitializingSingleton {

    static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("follow-through");
    /** Bound only in the demo profile; elsewhere setting them (the docs' {@code demo.history.cases=0}) is harmless. */
    static final ConfigurationPropertyName DEMO = ConfigurationPropertyName.of("follow-through.demo");
    /** Read with {@code @Value} rather than bound to a settings record. */
    static final Set<ConfigurationPropertyName> READ_DIRECTLY = Stream.of("follow-through.security.deployer-groups")
            .map(ConfigurationPropertyName::of).collect(Collectors.toUnmodifiableSet());

    private final ApplicationContext context;
    private final Environment environment;

    public SettingNames(ApplicationContext context, Environment environment) {
        this.context = context;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> unknown = unknown();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Unknown setting" + (unknown.size() == 1 ? " " : "s ")
                    + String.join("; ", unknown) + ". Nothing reads " + (unknown.size() == 1 ? "it" : "them")
                    + ": check the spelling against docs/operations.md (Settings).");
        }
    }

    List<String> unknown() {
        // Binds every settings record now, should it be lazy (spring.main.lazy-initialization), so its names are known.
        context.getBeansWithAnnotation(ConfigurationProperties.class);
        BoundConfigurationProperties bound = BoundConfigurationProperties.get(context);
        Set<ConfigurationPropertyName> read = bound == null ? Set.of() : bound.getAll().keySet();
        boolean demoRead = read.stream().anyMatch(DEMO::isAncestorOf);
        List<String> unknown = new ArrayList<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource names) {
                names.stream().filter(ROOT::isAncestorOf)
                        .filter(name -> !read.contains(name) && !READ_DIRECTLY.contains(name))
                        .filter(name -> demoRead || !DEMO.isAncestorOf(name))
                        .map(name -> described(source.getConfigurationProperty(name), name))
                        .filter(described -> !unknown.contains(described))
                        .forEach(unknown::add);
            }
        }
        return unknown;
    }

    private static String described(ConfigurationProperty property, ConfigurationPropertyName name) {
        return property == null || property.getOrigin() == null ? name.toString()
                : name + " (" + property.getOrigin() + ")";
    }
}
