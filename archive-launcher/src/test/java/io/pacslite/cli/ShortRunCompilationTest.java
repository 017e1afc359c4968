package io.pacslite.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The short commands' JIT set-up: which commands get it, and that a real JVM takes the
 * directives (in a child JVM, since they would change the JIT of the one running the tests).
 */
class ShortRunCompilationTest {

    @Test
    void everyCommandButServeUnlessFull() {
        assertThat(wanted(null, "serve", "--data-dir", "d")).isFalse();
        assertThat(wanted(null, "import", "--data-dir", "d", "x")).isTrue();
        assertThat(wanted(null, "verify")).isTrue();
        assertThat(wanted(null, "--version")).isTrue();
        assertThat(wanted(null)).as("no command: the usage").isTrue();
        assertThat(wanted(null, "help", "serve")).isTrue();
        assertThat(wanted("short", "store", "localhost", "11112", "x.dcm")).isTrue();
        assertThat(wanted("full", "import", "x")).isFalse();
        assertThat(wanted("full", "serve")).isFalse();
    }

    private static boolean wanted(String jitSetting, String... args) {
        return ShortRunCompilation.wanted(args, jitSetting);
    }

    @Test
    void aJvmTakesTheDirectives() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("2 compiler directives added");
        // The stack, as Compiler.directives_print shows it: the providers' directive first, C2
        // allowed; then the one for every other method, C2 excluded.
        String providersMatch = "matching: com/sun/crypto/provider/*.*, sun/security/provider/*.*";
        assertThat(output).contains(providersMatch, "matching: *.*");
        String providers = output.substring(output.indexOf(providersMatch));
        String everyOther = providers.substring(providers.indexOf("matching: *.*"));
        assertThat(between(providers, "c2 directives:", "matching: *.*")).contains("Exclude:false");
        assertThat(between(everyOther, "c2 directives:", "Directive:")).contains("Exclude:true");
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, start + from.length());
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** Run in the child JVM: installs the directives and prints the directive stack. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            System.out.println(ShortRunCompilation.install());
            System.out.println(ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()}));
        }
    }
}
