package org.galvani.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import org.galvani.config.InvalidConfigurationException;
import org.galvani.controller.TickPathLayeringViolation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The package layering of docs/decisions.md, ADR-22, checked on the compiled main classes of every module
 * (controller-core, hal-native, verification): the build fails when a class crosses a layer.
 *
 * <ul>
 *   <li>The tick path ({@code hal}, {@code controller}, {@code safety}, {@code control}, {@code session},
 *       {@code command}) depends on nothing but the JDK, Agrona, itself and, as the one named exception,
 *       {@link InvalidConfigurationException} (a JDK-only exception thrown while a context is built).</li>
 *   <li>The HAL interface ({@code org.galvani.hal}) depends on the JDK only.</li>
 *   <li>Journal, replay, clinical, screening, authority and set-up depend on the tick path, never the reverse.</li>
 *   <li>No cycles between packages.</li>
 *   <li>The CLI depends on everything; nothing depends on the CLI.</li>
 * </ul>
 *
 * <p>Each rule is also run on a deliberate violation ({@link TickPathLayeringViolation}, a test class) to show
 * that it can fail.
 */
class LayeringTest
{
    private static final String[] TICK_PATH = {
        "org.galvani.hal", "org.galvani.controller", "org.galvani.safety", "org.galvani.control",
        "org.galvani.session", "org.galvani.command",
    };

    private static final String[] ABOVE_THE_TICK_PATH = {
        "org.galvani.journal..", "org.galvani.replay..", "org.galvani.clinical..", "org.galvani.screening..",
        "org.galvani.authority..", "org.galvani.setup..", "org.galvani.config..", "org.galvani.hal.jna..",
        "org.galvani.campaign..", "org.galvani.report..", "org.galvani.bench..", "org.galvani.cli..",
    };

    private static final DescribedPredicate<JavaClass> JDK_AGRONA_OR_TICK_PATH =
        JavaClass.Predicates.resideInAnyPackage(concat(TICK_PATH, "java..", "org.agrona.."))
            .or(JavaClass.Predicates.equivalentTo(InvalidConfigurationException.class));

    static final ArchRule TICK_PATH_DEPENDS_ON_JDK_AGRONA_AND_HAL_ONLY = classes()
        .that().resideInAnyPackage(TICK_PATH)
        .should().onlyDependOnClassesThat(JDK_AGRONA_OR_TICK_PATH)
        .because("the tick path runs on the control thread and is certified alone (ADR-22)");

    static final ArchRule TICK_PATH_NEVER_DEPENDS_ON_THE_LAYERS_ABOVE = noClasses()
        .that().resideInAnyPackage(TICK_PATH)
        .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(ABOVE_THE_TICK_PATH)
            .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(InvalidConfigurationException.class))))
        .because("journal, clinical, screening and authority depend on the tick path, never the reverse (ADR-22)");

    static final ArchRule HAL_INTERFACE_DEPENDS_ON_JDK_ONLY = classes()
        .that().resideInAPackage("org.galvani.hal")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.galvani.hal")
        .because("a maker implements the HAL interface without any Galvani or third-party code (ADR-22)");

    static final ArchRule THE_NAMED_EXCEPTION_DEPENDS_ON_JDK_ONLY = classes()
        .that().belongToAnyOf(InvalidConfigurationException.class)
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.galvani.config")
        .because("it is the tick path's one named dependency outside itself (ADR-22)");

    static final ArchRule NO_PACKAGE_CYCLES = slices()
        .matching("org.galvani.(**)")
        .should().beFreeOfCycles()
        .because("a cycle makes two packages one that cannot be built, tested or reviewed alone (ADR-22)");

    static final ArchRule NOTHING_DEPENDS_ON_THE_CLI = noClasses()
        .that().resideOutsideOfPackage("org.galvani.cli..")
        .should().dependOnClassesThat().resideInAPackage("org.galvani.cli..")
        .because("the CLI is the top layer: a library user never needs picocli or a command (ADR-22)");

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses()
    {
        mainClasses = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the shared test fixtures of controller-core come in a test-jar, not a test-classes folder
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.galvani");
        for (final String name : new String[] {
            "org.galvani.controller.Controller", "org.galvani.hal.HardwareDriver", "org.galvani.hal.jna.JnaSimDriver",
            "org.galvani.journal.ChronicleJournal", "org.galvani.setup.TreatmentFiles",
            "org.galvani.campaign.TrialRunner", "org.galvani.cli.GalvaniCli" })
        {
            assertTrue(mainClasses.contain(name), () -> name + " was not imported: the rules would check nothing");
        }
    }

    @Test
    @DisplayName("the tick path depends on nothing but the JDK, Agrona, itself and InvalidConfigurationException")
    void tickPathDependsOnJdkAgronaAndHalOnly()
    {
        TICK_PATH_DEPENDS_ON_JDK_AGRONA_AND_HAL_ONLY.check(mainClasses);
        TICK_PATH_NEVER_DEPENDS_ON_THE_LAYERS_ABOVE.check(mainClasses);
    }

    @Test
    @DisplayName("the HAL interface and the tick path's one named exception depend on the JDK only")
    void halInterfaceDependsOnJdkOnly()
    {
        HAL_INTERFACE_DEPENDS_ON_JDK_ONLY.check(mainClasses);
        THE_NAMED_EXCEPTION_DEPENDS_ON_JDK_ONLY.check(mainClasses);
    }

    @Test
    @DisplayName("no cycles between packages")
    void noPackageCycles()
    {
        NO_PACKAGE_CYCLES.check(mainClasses);
    }

    @Test
    @DisplayName("nothing outside the CLI depends on the CLI")
    void nothingDependsOnTheCli()
    {
        NOTHING_DEPENDS_ON_THE_CLI.check(mainClasses);
    }

    @Test
    @DisplayName("the rules fail on a tick-path class that uses the journal (and so closes a cycle)")
    void rulesCatchAViolation()
    {
        final JavaClasses withViolation = new ClassFileImporter()
            .importPackages("org.galvani.controller", "org.galvani.journal");
        assertTrue(withViolation.contain(TickPathLayeringViolation.class), "the violation was not imported");
        assertThrows(AssertionError.class, () -> TICK_PATH_DEPENDS_ON_JDK_AGRONA_AND_HAL_ONLY.check(withViolation));
        assertThrows(AssertionError.class, () -> TICK_PATH_NEVER_DEPENDS_ON_THE_LAYERS_ABOVE.check(withViolation));
        assertThrows(AssertionError.class, () -> NO_PACKAGE_CYCLES.check(withViolation));
    }

    private static String[] concat(final String[] packages, final String... more)
    {
        final String[] all = new String[packages.length + more.length];
        System.arraycopy(packages, 0, all, 0, packages.length);
        System.arraycopy(more, 0, all, packages.length, more.length);
        return all;
    }
}
