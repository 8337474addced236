package org.detectgpt.model.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.detectgpt.util.Args;

/**
 * Writes tensors as a {@code .safetensors} file (the layout {@link SafetensorsFile} reads), in F32,
 * F16 or BF16. Conversions round to nearest, ties to even.
 */
public final class SafetensorsWriter {
    private SafetensorsWriter() {}

    /**
     * @param file the file to write (replaced)
     * @param tensors name → tensor, in the order to store them
     * @param dtype F32, F16 or BF16
     * @param metadata string metadata for {@code "__metadata__"}
     * @throws IOException on a write failure
     */
    public static void write(Path file, Map<String, MapTensorSource.Tensor> tensors, DType dtype,
            Map<String, String> metadata) throws IOException {
        Args.check(dtype != DType.F64, "writing F64 is not supported");
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, MapTensorSource.Tensor> e : tensors.entrySet()) {
            long count = Arrays.stream(e.getValue().shape()).reduce(1, (a, b) -> a * b);
            Args.check(count == e.getValue().values().length, "tensor %s: shape %s but %d values",
                e.getKey(), Arrays.toString(e.getValue().shape()), e.getValue().values().length);
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", dtype.name());
            var shape = t.putArray("shape");
            for (long s : e.getValue().shape()) {
                shape.add(s);
            }
            var offs = t.putArray("data_offsets");
            offs.add(offset);
            offset += count * dtype.bytes();
            offs.add(offset);
        }
        byte[] h = json.writeValueAsBytes(header);
        int pad = (8 - h.length % 8) % 8; // keep the data 8-byte aligned, as the reference writer does
        byte[] headerBytes = Arrays.copyOf(h, h.length + pad);
        Arrays.fill(headerBytes, h.length, headerBytes.length, (byte) ' ');
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length);
            out.write(len.array());
            out.write(headerBytes);
            for (MapTensorSource.Tensor t : tensors.values()) {
                float[] v = t.values();
                ByteBuffer buf = ByteBuffer.allocate(v.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                for (float x : v) {
                    switch (dtype) {
                        case F32 -> buf.putFloat(x);
                        case F16 -> buf.putShort(floatToHalf(x));
                        case BF16 -> buf.putShort(floatToBf16(x));
                        default -> throw new IllegalStateException();
                    }
                }
                out.write(buf.array());
            }
        }
    }

    /** binary32 → bfloat16, round to nearest even (NaN kept quiet). */
    static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** binary32 → binary16, round to nearest even, overflow to infinity, subnormals kept. */
    static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - e;
            int half = mant >> shift;
            int rem = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }
}
