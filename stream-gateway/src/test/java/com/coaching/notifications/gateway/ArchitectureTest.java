package com.coaching.notifications.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependencies between the gateway's feature packages ({@code auth}, {@code fanout}, {@code limits},
 * {@code stream}, {@code web}): none of them goes round in a circle, and the limits know nothing of the
 * streams they limit (admitting a stream is the stream's business, deciding and counting refusals the
 * limits').
 */
@AnalyzeClasses(packages = ArchitectureTest.GATEWAY, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String GATEWAY = "com.coaching.notifications.gateway";

    @ArchTest
    static final ArchRule limitsDependOnNothingOfTheStream = noClasses().that().resideInAPackage(GATEWAY + ".limits..")
            .should().dependOnClassesThat().resideInAPackage(GATEWAY + ".stream..");

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching(GATEWAY + ".(*)..").should().beFreeOfCycles();
}
