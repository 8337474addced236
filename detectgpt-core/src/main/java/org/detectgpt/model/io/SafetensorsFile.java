package org.detectgpt.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.detectgpt.ModelFormatException;
import org.detectgpt.model.nn.Half;

/**
 * One {@code .safetensors} file, validated on open and read through a memory map.
 *
 * <p>Layout (https://github.com/huggingface/safetensors): an unsigned little-endian 64-bit header
 * length {@code N}, {@code N} bytes of UTF-8 JSON mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets relative to the byte after the
 * header), an optional {@code "__metadata__"} entry, then the data.
 *
 * <p>Opening checks, each failing with a one-line {@link ModelFormatException} naming the file:
 * the file is at least 8 bytes; the header length fits in the file (and is at most 100 MB); the
 * header is a JSON object; every dtype is one of {@link DType}; every shape is non-negative and its
 * element count times the dtype size equals the byte length of its offsets; offsets lie inside the
 * data region and no two tensors overlap. Nothing is allocated in proportion to a size read from
 * the file before that size is checked against the file's length.
 */
public final class SafetensorsFile implements TensorSource {
    private static final long MAX_HEADER = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(DType dtype, long[] shape, long begin, long end) {}

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, Map<String, Entry> entries) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
    }

    /**
     * Opens and validates a safetensors file.
     *
     * @param path the file
     * @return the open file; close it when done
     * @throws ModelFormatException if the file is missing, unreadable or malformed
     */
    public static SafetensorsFile open(Path path) throws ModelFormatException {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(path, "no such file");
        } catch (IOException e) {
            throw new ModelFormatException(path, "cannot open: " + e.getMessage(), e);
        }
        try {
            SafetensorsFile f = parse(path, ch);
            return f;
        } catch (ModelFormatException | RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static SafetensorsFile parse(Path path, FileChannel ch) throws ModelFormatException {
        long size;
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        try {
            size = ch.size();
            if (size < 8) {
                throw new ModelFormatException(path, "truncated: " + size + " bytes, too short for a safetensors header");
            }
            readFully(ch, lenBuf, 0);
        } catch (IOException e) {
            throw new ModelFormatException(path, "cannot read: " + e.getMessage(), e);
        }
        long n = lenBuf.flip().getLong();
        if (n < 2 || n > size - 8) {
            throw new ModelFormatException(path, "header length " + Long.toUnsignedString(n)
                + " runs past the end of the file (" + size + " bytes)");
        }
        if (n > MAX_HEADER) {
            throw new ModelFormatException(path, "header length " + n + " is implausibly large");
        }
        ByteBuffer header = ByteBuffer.allocate((int) n);
        try {
            readFully(ch, header, 8);
        } catch (IOException e) {
            throw new ModelFormatException(path, "cannot read header: " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(header.array());
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(path, "header is not valid JSON: "
                + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ModelFormatException(path, "header is not valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(path, "header is not a JSON object");
        }
        long dataStart = 8 + n;
        long dataLen = size - dataStart;
        Map<String, Entry> entries = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            entries.put(e.getKey(), entry(path, e.getKey(), e.getValue(), dataLen));
        }
        List<Map.Entry<String, Entry>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort(Comparator.comparingLong(e -> e.getValue().begin()));
        for (int i = 1; i < sorted.size(); i++) {
            Entry prev = sorted.get(i - 1).getValue();
            Entry cur = sorted.get(i).getValue();
            if (cur.begin() < prev.end()) {
                throw new ModelFormatException(path, "tensors '" + sorted.get(i - 1).getKey()
                    + "' and '" + sorted.get(i).getKey() + "' overlap");
            }
        }
        return new SafetensorsFile(path, ch, dataStart, Collections.unmodifiableMap(entries));
    }

    private static Entry entry(Path path, String name, JsonNode node, long dataLen)
            throws ModelFormatException {
        if (!node.isObject()) {
            throw new ModelFormatException(path, "tensor '" + name + "' has no description object");
        }
        String dt = node.path("dtype").asText("");
        DType dtype = DType.fromSafetensors(dt);
        if (dtype == null) {
            throw new ModelFormatException(path, "tensor '" + name + "' has unsupported dtype '" + dt
                + "' (supported: F32, F16, BF16, F64; BOOL, U8 and I64 buffers are skipped)");
        }
        JsonNode shapeNode = node.path("shape");
        JsonNode offs = node.path("data_offsets");
        if (!shapeNode.isArray() || !offs.isArray() || offs.size() != 2
                || !offs.get(0).canConvertToLong() || !offs.get(1).canConvertToLong()) {
            throw new ModelFormatException(path, "tensor '" + name + "' lacks a shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToLong() || d.asLong() < 0) {
                throw new ModelFormatException(path, "tensor '" + name + "' has an invalid shape " + shapeNode);
            }
            shape[i] = d.asLong();
            count = multiplyChecked(path, name, count, shape[i]);
        }
        long begin = offs.get(0).asLong();
        long end = offs.get(1).asLong();
        if (begin < 0 || end < begin || end > dataLen) {
            throw new ModelFormatException(path, "tensor '" + name + "' has data offsets [" + begin + ", "
                + end + "] outside the data region of " + dataLen + " bytes");
        }
        long bytes = multiplyChecked(path, name, count, dtype.bytes());
        if (bytes != end - begin) {
            throw new ModelFormatException(path, "tensor '" + name + "' of shape " + Arrays.toString(shape)
                + " and dtype " + dtype + " needs " + bytes + " bytes but its offsets span " + (end - begin));
        }
        return new Entry(dtype, shape, begin, end);
    }

    private static long multiplyChecked(Path path, String name, long a, long b) throws ModelFormatException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new ModelFormatException(path, "tensor '" + name + "' is impossibly large");
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos + buf.position());
            if (r < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    @Override
    public Set<String> names() {
        return entries.keySet();
    }

    @Override
    public DType dtype(String name) throws ModelFormatException {
        return get(name).dtype();
    }

    @Override
    public long[] shape(String name) throws ModelFormatException {
        return get(name).shape().clone();
    }

    private Entry get(String name) throws ModelFormatException {
        Entry e = entries.get(name);
        if (e == null) {
            throw new ModelFormatException(path, "no tensor named '" + name + "'");
        }
        return e;
    }

    @Override
    public float[] floats(String name) throws ModelFormatException {
        Entry e = get(name);
        if (!e.dtype().isFloating()) {
            throw new ModelFormatException(path, "tensor '" + name + "' holds " + e.dtype()
                + " values, not floating-point weights");
        }
        long bytes = e.end() - e.begin();
        long count = bytes / e.dtype().bytes();
        if (count > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException(path, "tensor '" + name + "' has " + count
                + " elements, more than one Java array holds");
        }
        float[] out = new float[(int) count];
        try {
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin(), bytes);
            map.order(ByteOrder.LITTLE_ENDIAN);
            convert(map, e.dtype(), out);
        } catch (IOException ex) {
            throw new ModelFormatException(path, "cannot read tensor '" + name + "': " + ex.getMessage(), ex);
        }
        return out;
    }

    private static void convert(ByteBuffer b, DType dtype, float[] out) {
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out);
            case F64 -> {
                var db = b.asDoubleBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) db.get(i);
                }
            }
            case BF16 -> {
                var sb = b.asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat((sb.get(i) & 0xffff) << 16);
                }
            }
            case F16 -> {
                var sb = b.asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = halfToFloat(sb.get(i));
                }
            }
            default -> throw new IllegalStateException(dtype.toString());
        }
    }

    /**
     * Converts an IEEE 754 binary16 value to binary32 exactly (subnormals, infinities and NaN
     * included); {@code Float.float16ToFloat} only exists from Java 20.
     */
    static float halfToFloat(short h) {
        return Half.f16ToFloat(h);
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a read-only channel: nothing to recover
        }
    }
}
