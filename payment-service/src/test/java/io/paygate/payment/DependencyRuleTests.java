package io.paygate.payment;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.paygate.events.PaymentEventType;
import io.paygate.events.ResponseCode;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The hexagonal dependency rule: the domain depends on nothing, the application on the domain, adapters inward. */
@AnalyzeClasses(packages = "io.paygate.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRuleTests {

    private static final String DOMAIN = "io.paygate.payment.domain..";
    private static final String APPLICATION = "io.paygate.payment.application..";
    private static final String ADAPTERS = "io.paygate.payment.adapter..";
    private static final String CONFIGURATION = "io.paygate.payment.configuration..";

    @ArchTest
    static final ArchRule layers_depend_only_inwards = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Domain").definedBy(DOMAIN)
            .layer("Application").definedBy(APPLICATION)
            .layer("Adapters").definedBy(ADAPTERS)
            .layer("Configuration").definedBy(CONFIGURATION)
            .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Configuration")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Adapters", "Configuration")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Adapters", "Configuration");

    @ArchTest
    static final ArchRule the_domain_depends_on_the_jdk_and_the_shared_codes_only = classes()
            .that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat(resideInAnyPackage(DOMAIN, "java..").or(equivalentTo(ResponseCode.class))
                    .or(equivalentTo(PaymentEventType.class)));

    @ArchTest
    static final ArchRule the_application_knows_no_framework_store_or_broker = noClasses()
            .that().resideInAPackage(APPLICATION)
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "org.springframework.data..", "com.mongodb..", "org.bson..",
                    "com.rabbitmq..", "org.springframework.amqp..", "tools.jackson..", "com.fasterxml..",
                    "jakarta..", ADAPTERS, CONFIGURATION);

    @ArchTest
    static final ArchRule adapters_do_not_call_each_other = slices()
            .matching("io.paygate.payment.adapter.(*).(*)..")
            .should().notDependOnEachOther();
}
