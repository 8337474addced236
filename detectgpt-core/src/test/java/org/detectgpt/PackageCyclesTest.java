package org.detectgpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house stays easy to see: no cycle among the packages of all modules' main code (a cycle
 * between packages of different modules could not compile; one within a module could, and would
 * tie those packages together for good), and no package split over two modules (a module-path
 * user could not load both jars).
 *
 * <p>Reads the sources of every module of the checkout (the sibling folders with
 * {@code src/main/java}); a dependency is any {@code org.detectgpt.*} type named in code (imports
 * and qualified names; comments and string literals are skipped).
 */
class PackageCyclesTest {
    private static final Pattern TYPE_REF = Pattern.compile("\\borg\\.detectgpt((?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    @Test
    void noPackageCycleAcrossAllModules() throws IOException {
        Map<String, Path> modules = modules();
        assertTrue(modules.keySet().containsAll(List.of("detectgpt-core", "detectgpt-cli", "detectgpt-scan")),
            "found the modules: " + modules.keySet());
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path src : modules.values()) {
            addSources(src, graph);
        }
        assertTrue(graph.containsKey("org.detectgpt.detect") && graph.containsKey("org.detectgpt.scan"), graph.keySet().toString());
        assertEquals(List.of(), cycles(graph), "package cycles");
    }

    @Test
    void noPackageIsSplitOverTwoModules() throws IOException {
        Map<String, String> owner = new HashMap<>();
        List<String> split = new ArrayList<>();
        for (Map.Entry<String, Path> m : modules().entrySet()) {
            for (String p : packages(m.getValue())) {
                String before = owner.putIfAbsent(p, m.getKey());
                if (before != null && !before.equals(m.getKey())) {
                    split.add(p + " in " + before + " and " + m.getKey());
                }
            }
        }
        assertEquals(List.of(), split);
    }

    @Test
    void theCheckFindsACycleAndNamesItsPackages() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("a", new TreeSet<>(List.of("b")));
        g.put("b", new TreeSet<>(List.of("c")));
        g.put("c", new TreeSet<>(List.of("a", "d")));
        g.put("d", new TreeSet<>());
        assertEquals(List.of(List.of("a", "b", "c")), cycles(g));
        g.get("c").remove("a");
        assertEquals(List.of(), cycles(g));
    }

    @Test
    void commentsAndStringsAreNotDependencies() {
        String code = "package org.detectgpt.x;\n// org.detectgpt.y.Y\n/* org.detectgpt.z.Z */\n"
            + "class A { String s = \"org.detectgpt.w.W\"; org.detectgpt.v.V v; }";
        assertEquals(Set.of("org.detectgpt.v"), references(code));
    }

    /** @return module name to its main source folder, for every module of the checkout */
    static Map<String, Path> modules() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(d -> Files.isDirectory(d.resolve("src/main/java")))
                .forEach(d -> out.put(d.getFileName().toString(), d.resolve("src/main/java")));
        }
        Path example = root.resolve("examples/library/src/main/java");
        if (Files.isDirectory(example)) {
            out.put("examples/library", example);
        }
        return out;
    }

    private static Set<String> packages(Path src) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = PACKAGE.matcher(Files.readString(f));
                if (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    private static void addSources(Path src, Map<String, Set<String>> graph) throws IOException {
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(f);
                Matcher m = PACKAGE.matcher(code);
                if (!m.find()) {
                    continue;
                }
                String pkg = m.group(1);
                Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                for (String d : references(code)) {
                    if (!d.equals(pkg)) {
                        deps.add(d);
                    }
                }
            }
        }
    }

    /** @return the packages of the {@code org.detectgpt} types named in {@code code}, outside comments and literals */
    static Set<String> references(String code) {
        Set<String> out = new TreeSet<>();
        Matcher m = TYPE_REF.matcher(stripCommentsAndLiterals(code));
        while (m.find()) {
            out.add("org.detectgpt" + m.group(1));
        }
        return out;
    }

    private static String stripCommentsAndLiterals(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                i = s.indexOf('\n', i) < 0 ? s.length() : s.indexOf('\n', i);
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                b.append(' ');
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                i = end < 0 ? s.length() : end + 3;
                b.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                b.append(c).append(c);
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /** @return each strongly connected set of two or more packages, sorted (Tarjan) */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, out);
            }
        }
        out.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<List<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> scc = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                scc.add(w);
            } while (!w.equals(v));
            if (scc.size() > 1) {
                scc.sort(null);
                out.add(scc);
            }
        }
    }
}
