package com.followthrough.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the production profile with anything of the demo: the demo profile, a demo user (they all have
 * password = user id), or an administrator password that is a default or the user id. Runs once the engine is built and
 * before the web server takes requests, so a refused node never serves one.
 */
@Component
@Profile("production")
public class ProductionStartupCheck implements SmartInitializingSingleton {

    static final String DEMO_ADMIN = "demo";
    static final Set<String> DEFAULT_PASSWORDS = Set.of("demo", "admin", "administrator", "camunda", "password",
            "changeme", "secret");
    static final int MIN_ADMIN_PASSWORD_LENGTH = 12;
    /** Set from the environment in application-production.yaml, without defaults. */
    static final List<String> FROM_THE_ENVIRONMENT = List.of("spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "camunda.bpm.admin-user.id", "camunda.bpm.admin-user.password");

    private final IdentityService identityService;
    private final Environment environment;

    public ProductionStartupCheck(IdentityService identityService, Environment environment) {
        this.identityService = identityService;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start with the production profile: " + String.join("; ", problems));
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            problems.add("the demo profile is active too");
        }
        String[] demoUsers = Stream.concat(Stream.of(DEMO_ADMIN), DemoOrganization.PEOPLE.stream().map(DemoOrganization.Person::id))
                .toArray(String[]::new);
        List<String> present = identityService.createUserQuery().userIdIn(demoUsers).list().stream().map(User::getId)
                .sorted().toList();
        if (!present.isEmpty()) {
            problems.add("demo users exist: " + String.join(", ", present)
                    + " (their password is their user id; delete them in Camunda Admin)");
        }
        for (String setting : FROM_THE_ENVIRONMENT) {
            if (fromTheEnvironment(setting) == null) {
                problems.add(setting + " is not set (see application-production.yaml for its environment variable)");
            }
        }
        String adminId = fromTheEnvironment("camunda.bpm.admin-user.id");
        String adminPassword = Objects.toString(fromTheEnvironment("camunda.bpm.admin-user.password"), "");
        if (adminId != null && !adminId.isBlank() && (adminPassword.length() < MIN_ADMIN_PASSWORD_LENGTH
                || adminPassword.equalsIgnoreCase(adminId)
                || DEFAULT_PASSWORDS.contains(adminPassword.toLowerCase(Locale.ROOT)))) {
            problems.add("camunda.bpm.admin-user.password (FOLLOW_THROUGH_ADMIN_PASSWORD) is a default, the user id or"
                    + " shorter than " + MIN_ADMIN_PASSWORD_LENGTH + " characters");
        }
        return problems;
    }

    /** The setting, or null when it is missing or names an environment variable that is not set. */
    private String fromTheEnvironment(String setting) {
        try {
            String value = environment.getProperty(setting);
            return value == null || value.isBlank() ? null : value;
        } catch (IllegalArgumentException unresolvable) {
            return null;
        }
    }
}
