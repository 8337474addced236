package org.detectgpt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Library" snippet compiles as written against the core: taken from README.md at
 * test time, put in a method body (with {@code text} a parameter and the core's packages
 * imported) and compiled with javax.tools on this test's class path.
 */
class ReadmeLibrarySnippetTest {
    private static final Pattern SNIPPET = Pattern.compile("(?s)\\n## Library\\s*\\n+```java\\n(.*?)\\n```");

    @Test
    void theLibrarySnippetCompiles(@TempDir Path out) throws IOException {
        String readme = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("README.md"));
        Matcher m = SNIPPET.matcher(readme);
        assertTrue(m.find(), "README.md has a '## Library' section starting with a java block");
        String snippet = m.group(1);
        assertTrue(snippet.contains("Detector.builder()"), snippet);
        String source = "package readme;\n"
            + "import java.nio.file.Path;\n"
            + "import org.detectgpt.calibrate.*;\n"
            + "import org.detectgpt.criterion.*;\n"
            + "import org.detectgpt.detect.*;\n"
            + "import org.detectgpt.language.*;\n"
            + "import org.detectgpt.model.*;\n"
            + "import org.detectgpt.model.load.*;\n"
            + "class Snippet {\n"
            + "  static void run(String text) throws Exception {\n"
            + snippet + "\n"
            + "  }\n"
            + "}\n";
        String errors = compile(source, out);
        assertTrue(errors.isEmpty(), "the README's Library snippet does not compile:\n" + errors + "\n" + source);
    }

    @Test
    void aBrokenSnippetIsReported(@TempDir Path out) {
        String errors = compile("package readme; class Snippet { void run() { Detector.nosuch(); } }", out);
        assertTrue(errors.contains("Detector"), errors);
    }

    /** @return the compiler's diagnostics, empty when it compiled */
    private static String compile(String source, Path out) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///readme/Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
            List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none"),
            null, List.of(file)).call();
        return ok ? "" : diagnostics.toString();
    }
}
