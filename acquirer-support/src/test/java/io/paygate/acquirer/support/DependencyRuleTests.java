package io.paygate.acquirer.support;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The hexagon's dependency rule, as in buckpal: the domain depends on nothing but the message contracts,
 * the application on the domain, adapters on the application's ports, and only the configuration sees everything.
 * The library serves every acquirer adapter, so it knows none of them.
 */
@AnalyzeClasses(packages = "io.paygate.acquirer.support", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRuleTests {

    private static final String BASE = "io.paygate.acquirer.support";

    @ArchTest
    static final ArchRule knows_no_acquirer_adapter = noClasses()
            .should().dependOnClassesThat(resideInAPackage("io.paygate.acquirer..").and(not(resideInAPackage(BASE + ".."))));

    @ArchTest
    static final ArchRule layers_depend_only_inwards = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage(BASE + "..")
            .layer("Domain").definedBy(BASE + ".domain..")
            .layer("Application").definedBy(BASE + ".application..")
            .layer("Adapters").definedBy(BASE + ".adapter..")
            .layer("Configuration").definedBy(BASE + ".configuration..")
            .whereLayer("Configuration").mayNotBeAccessedByAnyLayer()
            .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Configuration")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Adapters", "Configuration")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Adapters", "Configuration");

    @ArchTest
    static final ArchRule the_domain_knows_only_java_and_the_message_contracts = classes()
            .that().resideInAPackage(BASE + ".domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(BASE + ".domain..", "io.paygate.events..", "java..");

    /** Spring's retry and Resilience4j's circuit breaker are the bank call policy's tools, not a framework around it. */
    @ArchTest
    static final ArchRule the_application_knows_no_framework = noClasses()
            .that().resideInAPackage(BASE + ".application..")
            .should().dependOnClassesThat(resideInAnyPackage("org.springframework..", "com.rabbitmq..", "tools.jackson..",
                    "io.paygate.support..").and(not(resideInAPackage("org.springframework.core.retry.."))));

    @ArchTest
    static final ArchRule adapters_reach_the_application_only_through_its_ports = noClasses()
            .that().resideInAPackage(BASE + ".adapter..")
            .should().dependOnClassesThat().resideInAPackage(BASE + ".application");

    @ArchTest
    static final ArchRule adapters_do_not_know_each_other = slices()
            .matching(BASE + ".adapter.(*).(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule outgoing_adapters_serve_the_application_and_do_not_drive_it = noClasses()
            .that().resideInAPackage(BASE + ".adapter.out..")
            .should().dependOnClassesThat().resideInAPackage(BASE + ".application.port.in..");
}
