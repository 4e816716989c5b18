package org.apache.commons.jexl.util.introspection;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * JEXL 1.1's property lookup (getter, is-getter, get(String)) with one more rule that Jenkins'
 * JEXL has: a public field of that name, when no getter matched.
 */
public final class FieldAwareUberspect extends UberspectImpl {

    @Override
    public VelPropertyGet getPropertyGet(Object obj, String identifier, Info i) throws Exception {
        VelPropertyGet viaMethods = super.getPropertyGet(obj, identifier, i);
        if (viaMethods instanceof VelGetterImpl g && g.ae != null && g.ae.isAlive()) {
            return viaMethods;
        }
        Field field = publicField(obj.getClass(), identifier);
        return field == null ? viaMethods : new FieldGet(field);
    }

    private static Field publicField(Class<?> type, String name) {
        try {
            Field f = type.getField(name);
            return Modifier.isStatic(f.getModifiers()) ? null : f;
        } catch (NoSuchFieldException | SecurityException e) {
            return null;
        }
    }

    private record FieldGet(Field field) implements VelPropertyGet {
        @Override
        public Object invoke(Object o) throws Exception {
            return field.get(o);
        }

        @Override
        public boolean isCacheable() {
            return true;
        }

        @Override
        public String getMethodName() {
            return field.getName();
        }
    }
}
