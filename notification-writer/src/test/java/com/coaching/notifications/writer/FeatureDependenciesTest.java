package com.coaching.notifications.writer;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Which of the writer's feature packages may use which: a change flows from topic intake
 * ({@code requests}) to {@code notification} to {@code stream} to {@code outbox}, never back, and
 * {@code problem} serves every feature without knowing any. Checked on the compiled classes, so every
 * use counts, not only imports.
 */
@AnalyzeClasses(packages = FeatureDependenciesTest.WRITER, importOptions = ImportOption.DoNotIncludeTests.class)
class FeatureDependenciesTest {

    static final String WRITER = "com.coaching.notifications.writer";

    @ArchTest
    static final ArchRule notificationsDoNotUseTopicIntake = noClasses()
            .that().resideInAPackage(WRITER + ".notification..")
            .should().dependOnClassesThat().resideInAPackage(WRITER + ".requests..");

    @ArchTest
    static final ArchRule theStreamDoesNotUseNotificationsOrTopicIntake = noClasses()
            .that().resideInAPackage(WRITER + ".stream..")
            .should().dependOnClassesThat().resideInAnyPackage(WRITER + ".notification..", WRITER + ".requests..");

    @ArchTest
    static final ArchRule theOutboxDoesNotUseTheStreamNotificationsOrTopicIntake = noClasses()
            .that().resideInAPackage(WRITER + ".outbox..")
            .should().dependOnClassesThat()
            .resideInAnyPackage(WRITER + ".stream..", WRITER + ".notification..", WRITER + ".requests..");

    @ArchTest
    static final ArchRule problemUsesNoFeature = noClasses()
            .that().resideInAPackage(WRITER + ".problem..")
            .should().dependOnClassesThat(
                    resideInAPackage(WRITER + "..").and(not(resideInAPackage(WRITER + ".problem.."))));

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching(WRITER + ".(*)..").should().beFreeOfCycles();
}
