package io.encsync.core.cipher;

import io.encsync.core.IntegrityException;

/**
 * A block whose Poly1305 tag does not match: the block was modified, moved, or the data key is
 * wrong. The block index lets the sync layer tell "block 0 fails in every file" (a wrong password)
 * from one corrupted file. The message never says which bytes differed, so it is no oracle.
 */
public class BlockAuthenticationException extends IntegrityException {
    private static final long serialVersionUID = 1L;

    private final long blockIndex;

    public BlockAuthenticationException(String objectName, long blockIndex) {
        super("`" + objectName + "`: authentication failed in block " + blockIndex
                + " — the file was modified or corrupted, or the password is wrong; restore it from another copy"
                + " or check the password");
        this.blockIndex = blockIndex;
    }

    /** Index (0-based) of the first block that failed, counted from the start of the file. */
    public long blockIndex() {
        return blockIndex;
    }
}
