package io.mockfactory.junit5;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/** What a test class declares: an environment on the class itself, and one per annotated field. */
final class Declarations {
    private Declarations() {
    }

    /** One declared environment; {@code field} is null for the class's own. */
    static final class Declared {
        private final MockFactoryEnvironment spec;
        private final Field field;
        private final boolean primary;
        private final String declaringClass;

        Declared(MockFactoryEnvironment spec, Field field, boolean primary, String declaringClass) {
            this.spec = spec;
            this.field = field;
            this.primary = primary;
            this.declaringClass = declaringClass;
        }

        MockFactoryEnvironment spec() {
            return spec;
        }

        Field field() {
            return field;
        }

        /** What {@link Service} fields and parameters without a declaration of their own use. */
        boolean isPrimary() {
            return primary;
        }

        /** Distinct per class: a @Nested class's store also sees its enclosing class's entries. */
        String key() {
            return field == null ? "class:" + declaringClass : keyOf(field);
        }
    }

    static String keyOf(Field field) {
        return "field:" + field.getDeclaringClass().getName() + "." + field.getName();
    }

    /**
     * The class's own declaration is the primary one; without it, a single field's is. With several fields and no
     * class declaration, nothing is primary and each field must be injected as itself.
     */
    static List<Declared> of(Class<?> testClass) {
        List<Declared> declared = new ArrayList<>();
        MockFactoryEnvironment own = classDeclaration(testClass);
        List<Field> fields = new ArrayList<>();
        for (Field field : fieldsOf(testClass)) {
            if (field.isAnnotationPresent(MockFactoryEnvironment.class)) {
                fields.add(field);
            }
        }
        if (own != null) {
            declared.add(new Declared(own, null, true, testClass.getName()));
        }
        for (Field field : fields) {
            declared.add(new Declared(field.getAnnotation(MockFactoryEnvironment.class), field,
                    own == null && fields.size() == 1, testClass.getName()));
        }
        return declared;
    }

    private static MockFactoryEnvironment classDeclaration(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getSuperclass()) {
            MockFactoryEnvironment own = type.getAnnotation(MockFactoryEnvironment.class);
            if (own != null) {
                return own;
            }
        }
        return null;
    }

    /** Every field of the class and its superclasses. */
    static List<Field> fieldsOf(Class<?> testClass) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                fields.add(field);
            }
        }
        return fields;
    }
}
