package org.detectgpt.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.detectgpt.DetectGptException;
import org.detectgpt.ensemble.PairFeatures;

/**
 * Out-of-fold {@link PairFeatures} of training texts, as {@code detectgpt-models/pair/oof-tsv.py}
 * writes them: gzip'd TSV, a header {@code key} + {@link PairFeatures#NAMES}, then one line per
 * text. The key is the SHA-1 (hex) of the text's first {@value #KEY_CODE_POINTS} code points after
 * whitespace collapsing — the text as {@code prep.py} sent it to the GPU.
 */
final class OofPairFeatures {
    /** prep.py cuts training texts to this many code points. */
    static final int KEY_CODE_POINTS = 4000;

    private final Map<String, double[]> byKey;

    private OofPairFeatures(Map<String, double[]> byKey) {
        this.byKey = byKey;
    }

    /**
     * @param file the TSV.gz
     * @return its features
     * @throws DetectGptException if it is missing or malformed (naming the file and line)
     */
    static OofPairFeatures read(Path file) throws DetectGptException {
        Map<String, double[]> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            String header = r.readLine();
            List<String> want = new java.util.ArrayList<>(List.of("key"));
            want.addAll(PairFeatures.NAMES);
            if (header == null || !Arrays.asList(header.split("\t")).equals(want)) {
                throw new DetectGptException(file + ": not a pair-feature table (header must be "
                    + String.join(" ", want) + ")");
            }
            int line = 1;
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                line++;
                String[] f = s.split("\t");
                if (f.length != want.size()) {
                    throw new DetectGptException(file + ": line " + line + " has " + f.length + " fields, expected "
                        + want.size());
                }
                double[] x = new double[f.length - 1];
                for (int j = 1; j < f.length; j++) {
                    try {
                        x[j - 1] = Double.parseDouble(f[j]);
                    } catch (NumberFormatException e) {
                        throw new DetectGptException(file + ": line " + line + ": not a number: " + f[j]);
                    }
                }
                out.putIfAbsent(f[0], x);
            }
        } catch (NoSuchFileException e) {
            throw new DetectGptException(file + ": no such file");
        } catch (ZipException e) {
            throw new DetectGptException(file + ": not gzip-compressed");
        } catch (IOException e) {
            throw new DetectGptException(file + ": cannot read: " + e.getMessage());
        }
        return new OofPairFeatures(out);
    }

    /**
     * @param collapsedText a training text, whitespace collapsed
     * @return its features, or null when the table has none for it
     */
    double[] get(String collapsedText) {
        return byKey.get(key(collapsedText));
    }

    static String key(String collapsedText) {
        int end = collapsedText.codePointCount(0, collapsedText.length()) <= KEY_CODE_POINTS ? collapsedText.length()
            : collapsedText.offsetByCodePoints(0, KEY_CODE_POINTS);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(collapsedText.substring(0, end).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-1", e);
        }
    }
}
