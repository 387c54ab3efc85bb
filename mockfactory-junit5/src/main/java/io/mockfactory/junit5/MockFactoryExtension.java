package io.mockfactory.junit5;

import io.mockfactory.client.MockFactoryClient;
import io.mockfactory.junit5.MockFactoryEnvironment.Lifecycle;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Leases the environments a test class declares with {@link MockFactoryEnvironment} and injects them, or one
 * service's credentials ({@link Service}), into fields and parameters. Per-class environments live in the class's
 * store and per-method ones in the method's, so JUnit gives each back when that scope ends, failed tests included,
 * and classes run in parallel each hold their own.
 */
public class MockFactoryExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MockFactoryExtension.class);
    private static final String PRIMARY = "primary";

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        for (Declarations.Declared declared : Declarations.of(testClass)) {
            if (declared.spec().lifecycle() == Lifecycle.PER_CLASS) {
                lease(context, declared);
            } else if (declared.field() != null && Modifier.isStatic(declared.field().getModifiers())) {
                throw new ExtensionConfigurationException("A static field's environment is per class: "
                        + declared.field().getName() + " cannot use Lifecycle.PER_METHOD");
            }
        }
        inject(context, null, testClass);
        // @TestInstance(PER_CLASS): the instance exists already, and non-static @BeforeAll methods read its fields
        if (context.getTestInstance().isPresent()) {
            Object instance = context.getTestInstance().get();
            inject(context, instance, instance.getClass());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Object instance = context.getRequiredTestInstance();
        for (Declarations.Declared declared : Declarations.of(instance.getClass())) {
            // A per-class one is usually there already; not when only an instance field declares it, since JUnit
            // registers a field's extension after the class's beforeAll
            lease(context, declared);
        }
        // A @Nested test has its enclosing classes' instances too, each with fields of its own
        for (Object each : context.getRequiredTestInstances().getAllInstances()) {
            inject(context, each, each.getClass());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(Service.class) || Injection.isInjectable(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return Injection.valueFor(parameter.getParameter().getType(),
                parameter.findAnnotation(Service.class).orElse(null), primary(context), parameter.getParameter().getName());
    }

    /** Takes the declared environment, once, and keeps it in the store of the scope it lives for. */
    private static void lease(ExtensionContext context, Declarations.Declared declared) {
        ExtensionContext scope = context;
        if (declared.spec().lifecycle() == Lifecycle.PER_CLASS) {
            // Up from a method, or from a @ParameterizedTest's invocation through its template, to the class
            while (scope.getTestMethod().isPresent() && scope.getParent().isPresent()) {
                scope = scope.getParent().get();
            }
        }
        MockFactoryClient client = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(MockFactoryClient.class, ignored -> MockFactoryClient.fromEnvironment(), MockFactoryClient.class);
        String testClass = context.getRequiredTestClass().getSimpleName();
        // Atomic per store: methods run in parallel lease a per-class environment once
        scope.getStore(NAMESPACE).getOrComputeIfAbsent(declared.key(),
                ignored -> Leases.take(client, declared.spec(), testClass), Leases.Lease.class);
        if (declared.isPrimary()) {
            // The key, not the lease: JUnit closes every value a store holds, and a lease must be given back once
            scope.getStore(NAMESPACE).put(PRIMARY, declared.key());
        }
    }

    /** Fields of {@code target} (null: the static ones) that ask for an environment or a service. */
    private static void inject(ExtensionContext context, Object target, Class<?> testClass) throws IllegalAccessException {
        for (Field field : Declarations.fieldsOf(testClass)) {
            if (Modifier.isStatic(field.getModifiers()) != (target == null)) {
                continue;
            }
            MockFactoryEnvironment own = field.getAnnotation(MockFactoryEnvironment.class);
            Service service = field.getAnnotation(Service.class);
            if (own == null && service == null) {
                continue;
            }
            LeasedEnvironment leased = own != null
                    ? context.getStore(NAMESPACE).get(Declarations.keyOf(field), Leases.Lease.class).leased()
                    : primary(context);
            field.setAccessible(true);
            field.set(target, Injection.valueFor(field.getType(), service, leased, field.getName()));
        }
    }

    /** The environment a {@link Service} without its own declaration means: the method's, else the class's. */
    private static LeasedEnvironment primary(ExtensionContext context) {
        // ExtensionContext.Store.get looks in the parent stores too: a method sees its class's lease
        String key = context.getStore(NAMESPACE).get(PRIMARY, String.class);
        Leases.Lease lease = key == null ? null : context.getStore(NAMESPACE).get(key, Leases.Lease.class);
        if (lease == null) {
            List<Declarations.Declared> declared = Declarations.of(context.getRequiredTestClass());
            throw new ExtensionConfigurationException(declared.isEmpty()
                    ? "Nothing declares an environment: put @MockFactoryEnvironment on the class or on one field"
                    : "Several fields declare environments: put @Service on the class's own, or inject the field's");
        }
        return lease.leased();
    }
}
