package org.detectgpt.model.io;

/**
 * Element types of stored tensors that detectgpt reads. The floating-point ones are weights and
 * are converted to fp32; the others are accepted in a file only as buffers the engine skips (old
 * GPT-Neo / GPT-J / GPT-NeoX checkpoints persist their causal masks as BOOL or U8 and position ids
 * as I64), so that such a file opens instead of being refused for a tensor nobody reads.
 */
public enum DType {
    /** IEEE 754 binary32. */
    F32(4),
    /** IEEE 754 binary16. */
    F16(2),
    /** bfloat16: the upper 16 bits of a binary32. */
    BF16(2),
    /** IEEE 754 binary64 (narrowed to fp32). */
    F64(8),
    /** Booleans, one byte each (a stored attention mask; never a weight). */
    BOOL(1, false),
    /** Unsigned bytes (a stored attention mask; never a weight). */
    U8(1, false),
    /** 64-bit integers (stored position ids; never a weight). */
    I64(8, false);

    private final int bytes;
    private final boolean floating;

    DType(int bytes) {
        this(bytes, true);
    }

    DType(int bytes, boolean floating) {
        this.bytes = bytes;
        this.floating = floating;
    }

    /** @return whether values of this type are weights, readable as fp32 */
    public boolean isFloating() {
        return floating;
    }

    /** @return bytes per element */
    public int bytes() {
        return bytes;
    }

    /**
     * @param name a safetensors dtype name such as {@code "BF16"}
     * @return the type, or null if detectgpt cannot read it
     */
    public static DType fromSafetensors(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
