package io.paygate.acquirer.lionbank;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * An acquirer adapter holds its bank and nothing else: it knows no other adapter, and of acquirer-support only what an
 * adapter implements and returns (the bank port, the answer model, the call settings), never the machinery that
 * drives it.
 */
@AnalyzeClasses(packages = "io.paygate.acquirer.lionbank", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRuleTests {

    private static final String SUPPORT = "io.paygate.acquirer.support";

    @ArchTest
    static final ArchRule knows_no_other_acquirer_adapter = noClasses()
            .should().dependOnClassesThat(resideInAPackage("io.paygate.acquirer..")
                    .and(not(resideInAnyPackage("io.paygate.acquirer.lionbank..", SUPPORT + ".."))));

    @ArchTest
    static final ArchRule implements_the_bank_port_and_leaves_the_machinery_to_acquirer_support = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(SUPPORT + ".adapter..", SUPPORT + ".application",
                    SUPPORT + ".application.port.in..");
}
