package com.followthrough;

import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * The process engine starts only after Flyway has migrated our tables. Otherwise a bean that needs the
 * engine early would let the engine create its tables first, and Flyway would find a schema it did not make.
 */
class ProcessEngineDatabaseInitializationDetector extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(ProcessEngine.class);
    }
}
