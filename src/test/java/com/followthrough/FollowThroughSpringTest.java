package com.followthrough;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import com.followthrough.casefile.CaseLookup;
import com.followthrough.process.ProcessCoverage;

/**
 * The one Spring test configuration: every Spring test uses it, so the whole suite shares one
 * application context (in-memory H2, demo organization, job executor off, real HTTP port). Its engine records
 * process test coverage for the process tests ({@link ProcessCoverage}). {@link CaseLookup} is a spy that does what the
 * real one does, so a test can let the case close between an endpoint's look-up and what it does next (a race with
 * the quiet period) without a context of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = FollowThroughApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@Import(ProcessCoverage.EnginePlugin.class)
@MockitoSpyBean(types = CaseLookup.class)
public @interface FollowThroughSpringTest {
}
