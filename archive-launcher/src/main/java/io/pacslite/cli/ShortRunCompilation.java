package io.pacslite.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the JIT compiles a short command. A command other than {@code serve} lives for seconds:
 * on a machine of few cores, HotSpot's second tier (C2) spends more CPU compiling the import
 * path than its code saves before the command ends (a 2,000-file import spent 3.5 s of CPU in
 * the JIT against 2 s of work). Such a command compiles with C1 only, except for the security
 * providers' methods, whose C2 intrinsics SHA-256 needs (docs/performance-ingest.md, "The short
 * commands compile with C1"). The directives ({@code short-run-directives.json}, JEP 165) are
 * added through the {@code DiagnosticCommand} MBean ({@code Compiler.directives_add}), on a
 * thread of their own while the command starts: the {@code -XX:CompilerDirectivesFile} flag
 * would print a line on standard output in every command. {@code PACSLITE_JIT=full} leaves
 * every method to the default tiered JIT.
 */
final class ShortRunCompilation {

    private static final Logger LOG = LoggerFactory.getLogger(ShortRunCompilation.class);
    private static final String DIRECTIVES = "short-run-directives.json";

    private ShortRunCompilation() {
    }

    /**
     * Whether the command of {@code args} gets the directives: a short command (anything but
     * {@code serve}) when {@code jitSetting}, the value of {@code PACSLITE_JIT}, is not
     * {@code full}. Decided from the arguments as given, before picocli parses them (a cold
     * parse takes a few hundred milliseconds, in which C2 would already be compiling): the
     * top-level command has only options, so its first other argument names the subcommand.
     */
    static boolean wanted(String[] args, String jitSetting) {
        String command = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst().orElse("");
        return !command.equals("serve") && !"full".equals(jitSetting);
    }

    /** Adds the directives on a daemon thread, while the command goes on. */
    static void start() {
        Thread.ofPlatform().name("short-run-jit").daemon().start(ShortRunCompilation::install);
    }

    /**
     * Adds the directives now, returning the JVM's answer ("2 compiler directives added"); a
     * JVM without the MBean (a runtime without jdk.management) keeps its default JIT.
     */
    static String install() {
        try (InputStream in = ShortRunCompilation.class.getResourceAsStream(DIRECTIVES)) {
            Path file = Files.createTempFile("pacslite-jit", ".json");
            try {
                Files.write(file, in.readAllBytes());
                Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                        new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
                return String.valueOf(answer).strip();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | JMException | RuntimeException | LinkageError e) {
            LOG.debug("compiler directives not added, the default JIT stays", e);
            return "not added: " + e;
        }
    }
}
