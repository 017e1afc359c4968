package io.pacslite.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md holds the reference {@link ConfigurationReference} makes from
 * conf/pacslite.yaml. A test rather than a build step, so that the build never writes into the
 * source tree; run with {@code -Dpacslite.regenerate=true} it rewrites the page first.
 */
class ConfigurationReferenceTest {

    static final Path PAGE = Path.of("..", "docs", "configuration.md");
    static final String BEGIN = "<!-- reference: generated from conf/pacslite.yaml by ConfigurationReferenceTest -->\n";
    static final String END = "<!-- end of the generated reference -->\n";

    @Test
    void theConfigurationPageHoldsTheReferenceOfTheShippedFile() throws Exception {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int begin = page.indexOf(BEGIN) + BEGIN.length();
        int end = page.indexOf(END);
        assertThat(begin).as("the begin marker").isGreaterThanOrEqualTo(BEGIN.length());
        assertThat(end).as("the end marker").isGreaterThanOrEqualTo(begin);
        String expected = page.substring(0, begin)
                + ConfigurationReference.of(Files.readString(ConfigLoaderTest.SHIPPED, StandardCharsets.UTF_8))
                + "\n" + page.substring(end);
        if (Boolean.getBoolean("pacslite.regenerate")) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
                .as("docs/configuration.md is out of date with conf/pacslite.yaml; regenerate it with: mvn -o -q -B "
                        + "-Dohif.skip -pl archive-launcher -am verify -Dtest=ConfigurationReferenceTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dpacslite.regenerate=true")
                .isEqualTo(expected);
    }

    @Test
    void describesEverySetting() throws Exception {
        String reference = ConfigurationReference.of(Files.readString(ConfigLoaderTest.SHIPPED, StandardCharsets.UTF_8));

        for (Setting setting : Setting.values()) {
            assertThat(reference).as(setting.key()).containsPattern("\\| `" + setting.key().replace(".", "\\.")
                    + "` \\| `[^`]*` \\| `" + setting.environmentVariable() + "` \\| [^|]* \\| \\S");
        }
    }
}
