package io.encsync.core.store;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;

/** There is no object at the key. Callers decide whether that is an integrity failure. */
public class ObjectNotFoundException extends EncsyncException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ObjectNotFoundException(String where, String key) {
        super(ErrorCategory.INTEGRITY, "no object " + key + " in " + where);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
