package org.apache.commons.jexl.util.introspection;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * JEXL 1.1's property lookup (getter, is-getter, get(String)) with one more rule that Jenkins'
 * JEXL has: a public field of that name, when no getter matched. Static fields count: forms ask
 * {@code app.hasPermission(app.ADMINISTER)}, and {@code <l:layout permissions="${app.MANAGE_AND_SYSTEM_READ}">}
 * guards the global configuration page; read as null, those checks let every reader in.
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
            return type.getField(name);
        } catch (NoSuchFieldException | SecurityException e) {
            return null;
        }
    }

    private record FieldGet(Field field) implements VelPropertyGet {
        @Override
        public Object invoke(Object o) throws Exception {
            return field.get(Modifier.isStatic(field.getModifiers()) ? null : o);
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
