package org.apache.commons.jexl.util;

import org.apache.commons.jexl.util.introspection.FieldAwareUberspect;
import org.apache.commons.jexl.util.introspection.Uberspect;
import org.apache.commons.logging.LogFactory;

/**
 * Stands in for JEXL 1.1's class of the same name (test.sh puts it first on the classpath) so that
 * expressions use {@link FieldAwareUberspect}: Jenkins' own JEXL reads public fields, such as
 * {@code ${descriptor.clazz}} in core's forms, and the runtime's stand-in JEXL does not.
 */
public class Introspector {
    private static final FieldAwareUberspect UBERSPECT = new FieldAwareUberspect();

    static {
        UBERSPECT.setRuntimeLogger(LogFactory.getLog(Introspector.class));
    }

    public static Uberspect getUberspect() {
        return UBERSPECT;
    }
}
