package io.mockfactory.cli.env;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.regex.Pattern;

/**
 * One {@code --service}: {@code type} or {@code type:version} ({@code redis:7}, {@code aws_s3}), checked here so a
 * typo is a usage error at once; whether the type and version exist, only the API can say.
 */
public record ServiceNotation(String type, String version) {
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    public static ServiceNotation parse(String text) {
        int colon = text.indexOf(':');
        String type = (colon < 0 ? text : text.substring(0, colon)).strip();
        String version = colon < 0 ? null : text.substring(colon + 1).strip();
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a service: write TYPE or TYPE:VERSION, "
                    + "e.g. redis:7 or aws_s3");
        }
        if (version != null && version.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no version after ':'; leave the ':' out for the newest");
        }
        return new ServiceNotation(type, version);
    }

    /** As {@code EnvironmentSpec.serviceNotation} takes it. */
    public String notation() {
        return version == null ? type : type + ":" + version;
    }

    /** picocli's hook: a bad notation becomes a usage error (exit 2) naming the option. */
    public static final class Converter implements ITypeConverter<ServiceNotation> {
        @Override
        public ServiceNotation convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException malformed) {
                throw new TypeConversionException(malformed.getMessage());
            }
        }
    }
}
