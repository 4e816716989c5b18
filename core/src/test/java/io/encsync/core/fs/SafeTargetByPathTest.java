package io.encsync.core.fs;

import java.nio.file.Path;

/** Every {@link SafeTargetTest} again on the by-path fallback used where folder handles are missing (Windows). */
class SafeTargetByPathTest extends SafeTargetTest {
    @Override
    SafeTarget openTarget(Path root) {
        return SafeTarget.open(root, false);
    }

    @Override
    boolean usesFolderHandles() {
        return false;
    }
}
