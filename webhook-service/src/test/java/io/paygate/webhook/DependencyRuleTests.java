package io.paygate.webhook;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * A small service without hexagonal ceremony, but two rules: the endpoints (model, store, address policy, secrets)
 * know nothing of the web API or of deliveries, so that the delivery worker can use them as they are; and deliveries
 * know nothing of the web API, which only calls them.
 */
@AnalyzeClasses(packages = "io.paygate.webhook", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRuleTests {

    @ArchTest
    static final ArchRule endpoints_do_not_depend_on_the_web_api = noClasses()
            .that().resideInAPackage("io.paygate.webhook.endpoint..")
            .should().dependOnClassesThat().resideInAnyPackage("io.paygate.webhook.web..",
                    "org.springframework.web..", "tools.jackson..", "com.fasterxml.jackson..",
                    "io.paygate.webhook.delivery..");

    @ArchTest
    static final ArchRule deliveries_do_not_depend_on_the_web_api = noClasses()
            .that().resideInAPackage("io.paygate.webhook.delivery..")
            .should().dependOnClassesThat().resideInAnyPackage("io.paygate.webhook.web..",
                    "org.springframework.web..");
}
