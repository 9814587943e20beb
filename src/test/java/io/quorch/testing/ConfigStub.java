package io.quorch.testing;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * A {@code @ConfigMapping} interface answered without the application: each method returns the
 * value given for its name, else its {@code @WithDefault}, else empty for an Optional, else a
 * stub of a nested mapping. Anything else fails the test, naming the setting.
 */
public final class ConfigStub {

    private ConfigStub() {
    }

    public static <T> T of(Class<T> mapping, Map<String, Object> values) {
        Object proxy = Proxy.newProxyInstance(mapping.getClassLoader(), new Class<?>[] {mapping},
                (self, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "toString" -> mapping.getSimpleName() + values;
                            case "hashCode" -> System.identityHashCode(self);
                            case "equals" -> self == args[0];
                            default -> throw new UnsupportedOperationException(method.getName());
                        };
                    }
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    return defaultOf(mapping, method);
                });
        return mapping.cast(proxy);
    }

    private static Object defaultOf(Class<?> mapping, Method method) {
        WithDefault d = method.getAnnotation(WithDefault.class);
        Class<?> type = method.getReturnType();
        if (d != null) {
            String v = d.value();
            if (type == String.class) {
                return v;
            } else if (type == int.class) {
                return Integer.parseInt(v);
            } else if (type == long.class) {
                return Long.parseLong(v);
            } else if (type == double.class) {
                return Double.parseDouble(v);
            } else if (type == boolean.class) {
                return Boolean.parseBoolean(v);
            }
        } else if (type == Optional.class) {
            return Optional.empty();
        } else if (type.isInterface() && type.getEnclosingClass() == mapping) {
            return of(type, Map.of());
        }
        throw new AssertionError(mapping.getSimpleName() + "." + method.getName() + " has no value in this test");
    }
}
