package io.pacslite.cli.config;

/**
 * A configuration that cannot be used. The message is the one line to show: where the value
 * came from, the key and the reason
 * ({@code conf/pacslite.yaml: dicom.port: 70000 is not a TCP port (0..65535)}).
 */
public final class ConfigException extends Exception {

    ConfigException(String message) {
        super(message);
    }

    /** The line {@code source: key: reason}. */
    public ConfigException(Source source, String key, String reason) {
        this(source + ": " + key + ": " + reason);
    }
}
