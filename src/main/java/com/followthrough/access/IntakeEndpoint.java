package com.followthrough.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code /api} endpoint of the intake: what an intake system (group {@code integrations}, e.g. the customer
 * portal) sends and reads about a case. For a member of that group the endpoint runs as the application, with no engine
 * identity, so the intake system needs no engine grant at all and cannot use {@code /engine-rest} for anything. Every
 * other caller keeps its own identity, and engine authorizations decide as before. See {@link IntakeAsTheApplication}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IntakeEndpoint {
}
