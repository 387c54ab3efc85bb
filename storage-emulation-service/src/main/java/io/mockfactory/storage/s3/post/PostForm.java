package io.mockfactory.storage.s3.post;

import io.mockfactory.storage.s3.S3Error;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a POST upload form that precede its {@code file} field, by name (case-insensitive, kept lower-case
 * as S3 names them in its errors), and the file part's headers. Reading stops at the file: its content is next on
 * the {@link FormReader}, to be streamed. A form without a file is read to its end.
 */
final class PostForm {
    static final String FILE = "file";

    private final Map<String, String> fields;
    private final FormReader.PartHead file;

    private PostForm(Map<String, String> fields, FormReader.PartHead file) {
        this.fields = Collections.unmodifiableMap(fields);
        this.file = file;
    }

    static PostForm read(FormReader reader) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (FormReader.PartHead part = reader.next(); part != null; part = reader.next()) {
            String name = part.name().toLowerCase(Locale.ROOT);
            if (name.equals(FILE)) {
                return new PostForm(fields, part);
            }
            String value = reader.value();
            // One value per field: a policy condition could otherwise be checked on one and another one used
            if (fields.putIfAbsent(name, value) != null) {
                throw S3Error.INVALID_ARGUMENT.exception("The form field '" + part.name() + "' is given more than once.")
                        .with("ArgumentName", part.name());
            }
        }
        return new PostForm(fields, null);
    }

    /** @param name lower-case */
    String get(String name) {
        return fields.get(name);
    }

    boolean has(String name) {
        return fields.containsKey(name);
    }

    /** Every field before the file, by lower-case name, in form order. */
    Map<String, String> fields() {
        return fields;
    }

    /** The file part's headers, or null when the form has none. */
    FormReader.PartHead file() {
        return file;
    }

    /** The file name the file part was sent with ({@code ${filename}} in the key), empty when none. */
    String filename() {
        return file == null || file.filename() == null ? "" : file.filename();
    }
}
