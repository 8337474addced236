package org.detectgpt.data;

/** Ground truth of an evaluation text: written by a human (negative) or a machine (positive). */
public enum Label {
    /** Human-written: a negative for detection metrics. */
    HUMAN,
    /** Machine-written: a positive for detection metrics. */
    MACHINE;

    /** @return whether this is {@link #MACHINE} */
    public boolean isMachine() {
        return this == MACHINE;
    }

    /**
     * @param machine whether the text is machine-written
     * @return {@link #MACHINE} or {@link #HUMAN}
     */
    public static Label of(boolean machine) {
        return machine ? MACHINE : HUMAN;
    }
}
