package io.mockfactory.e2e;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;

/**
 * Runs the classes on the shared lifecycle stack one after another, after all others (by name within each group), so
 * that stack starts once per run instead of once per class that follows a class with services of its own.
 */
public class SharedStackLast implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparing((ClassDescriptor descriptor) -> OnLifecycleStack.class.isAssignableFrom(descriptor.getTestClass()))
                .thenComparing(descriptor -> descriptor.getTestClass().getSimpleName()));
    }
}
