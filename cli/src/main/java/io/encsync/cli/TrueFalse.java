package io.encsync.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value of an option written {@code --versioning false}. Not a {@code boolean} field because
 * picocli's completion script takes every boolean field for a flag: it would neither offer
 * {@code true}/{@code false} nor know that the next word is the option's value, and would complete
 * file names there instead.
 */
record TrueFalse(boolean value) {
    /** Accepts true or false in any case, as picocli does for boolean options. */
    static final class Converter implements ITypeConverter<TrueFalse> {
        @Override
        public TrueFalse convert(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> new TrueFalse(true);
                case "false" -> new TrueFalse(false);
                default -> throw new TypeConversionException("'" + text + "' is neither true nor false");
            };
        }
    }
}
