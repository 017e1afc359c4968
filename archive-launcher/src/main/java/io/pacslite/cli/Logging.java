package io.pacslite.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import io.pacslite.cli.config.Configuration;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The logging of {@code pacslite serve}: Logback configured anew from the installation's
 * {@code conf/logback.xml}, else from the built-in {@code logback.xml}, with the configuration's
 * {@code log.level} and {@code log.format} as the properties {@value #LEVEL} and {@value #FORMAT}
 * those files use. Other commands keep the built-in file's warnings-only logging.
 */
final class Logging {

    /** The Logback property of the archive's loggers' level. */
    static final String LEVEL = "pacslite.log.level";

    /** The Logback property naming the appender: {@code console} or {@code json}. */
    static final String FORMAT = "pacslite.log.format";

    private Logging() {
    }

    /**
     * Configures Logback for {@code configuration}; prints the errors Logback finds in the file
     * (its file does not let Logback print its own messages).
     */
    static void configure(Configuration configuration) throws JoranException, MalformedURLException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.getStatusManager().clear();
        context.putProperty(LEVEL, configuration.logLevel());
        context.putProperty(FORMAT, configuration.logFormat());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL file = file();
        configurator.doConfigure(file);
        context.getStatusManager().getCopyOfStatusList().stream().filter(status -> status.getLevel() == Status.ERROR)
                .forEach(status -> System.err.println("pacslite serve: " + file + ": " + status.getMessage()));
    }

    /** The installation's conf/logback.xml if there is one, else the built-in logback.xml. */
    private static URL file() throws MalformedURLException {
        String home = System.getProperty(ArchiveOptions.HOME_PROPERTY);
        Path installed = home == null ? null : Path.of(home, "conf", "logback.xml");
        return installed != null && Files.isRegularFile(installed) ? installed.toUri().toURL()
                : Logging.class.getResource("/logback.xml");
    }
}
