package dev.movieratings.settings;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.env.Environment;

/**
 * Binds a function's settings record (a {@code @ConfigurationProperties} record whose components are
 * the function's environment variables: {@code weightedRatingMinVotes} is {@code WEIGHTED_RATING_MIN_VOTES})
 * at start-up, and fails the start with a message naming the variable and its value, e.g.
 * {@code WEIGHTED_RATING_MIN_VOTES=abc: not a whole number}, instead of a binder report about property paths.
 * A record checks its ranges in its constructor and names the variable the same way ({@link #invalid}).
 */
public final class FunctionSettings {

    private FunctionSettings() {}

    public static <T> T bind(Environment environment, Class<T> settings) {
        try {
            return Binder.get(environment).bindOrCreate("", Bindable.of(settings), new NamingTheVariable());
        } catch (BindException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidSetting invalid) {
                    throw invalid;
                }
            }
            throw e;
        }
    }

    /** The environment variable a settings component is read from: {@code minVotes} → {@code MIN_VOTES}. */
    public static String variable(String component) {
        return environmentName(DataObjectPropertyName.toDashedForm(component));
    }

    /** For a record's own checks: {@code NAME=value: why}. */
    public static InvalidSetting invalid(String component, Object value, String why) {
        return new InvalidSetting(variable(component) + "=" + value + ": " + why, null);
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "not a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "not a number";
        }
        return type == boolean.class || type == Boolean.class
                ? "neither true nor false"
                : "not a " + type.getSimpleName();
    }

    private static String environmentName(String propertyName) {
        return propertyName.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** A setting the function cannot start with; the message names the variable and its value. */
    public static final class InvalidSetting extends IllegalArgumentException {
        InvalidSetting(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    private static final class NamingTheVariable extends AbstractBindHandler {
        @Override
        public Object onFailure(
                ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error)
                throws Exception {
            ConfigurationProperty property = context.getConfigurationProperty();
            if (property == null || error instanceof InvalidSetting) { // already named, one level down
                throw error;
            }
            // a record's components are converted while the record is bound: the failure surfaces here,
            // with the property that was being read and the conversion that failed
            Class<?> expected = target.getType().resolve(Object.class);
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConversionFailedException conversion) {
                    expected = conversion.getTargetType().getType();
                }
            }
            throw new InvalidSetting(
                    environmentName(property.getName().toString()) + "=" + property.getValue() + ": "
                            + expected(expected),
                    error);
        }
    }
}
