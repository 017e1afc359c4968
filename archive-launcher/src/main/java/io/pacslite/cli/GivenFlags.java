package io.pacslite.cli;

import io.pacslite.cli.config.Setting;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The settings a command's flags give, for the configuration's last layer: only flags on the
 * command line (null fields are flags not given), as text, or a list of text.
 */
final class GivenFlags {

    private final Map<Setting, Object> values = new EnumMap<>(Setting.class);

    /** Adds {@code value} for {@code setting} unless it is null (the flag was not given). */
    GivenFlags put(Setting setting, Object value) {
        if (value != null) {
            values.put(setting, value instanceof List<?> list ? list : value.toString());
        }
        return this;
    }

    /** Adds {@code text} for {@code setting} if {@code given} (a flag without a value). */
    GivenFlags putIf(boolean given, Setting setting, String text) {
        return put(setting, given ? text : null);
    }

    Map<Setting, Object> values() {
        return values;
    }
}
