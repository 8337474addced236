package org.detectgpt.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./detectgpt launcher finds its checkout when run through a symbolic link (as from a folder
 * on PATH), keeps the JVM's notice of the incubating Vector API off stderr, and runs the JDK that
 * JAVA_HOME names, with JDK 23+'s native-access warnings allowed.
 */
class LauncherTest {
    @Test
    void aLinkToTheLauncherFindsTheCheckout(@TempDir Path dir) throws Exception {
        Path checkout = fakeCheckout(dir);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("detectgpt"), checkout.resolve("detectgpt"));

        Process p = new ProcessBuilder("bash", bin.resolve("detectgpt").toString(), "--version")
            .directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // the empty jar makes java fail, but only after the launcher found the build
        assertFalse(out.contains("not built yet"), out);
        assertTrue(out.contains("org.detectgpt.cli.Main"), out);
        // the JVM's notice of the Vector API module is dropped; the error after it is not
        assertFalse(out.contains("incubator"), out);
    }

    @Test
    void javaHomeChoosesTheJdkAndItsVersionTheOptions(@TempDir Path dir) throws Exception {
        Path checkout = fakeCheckout(dir);
        for (String version : new String[] {"17.0.15", "25.0.3"}) {
            // a fake JDK whose java prints its arguments
            Path home = Files.createDirectories(dir.resolve("jdk-" + version));
            Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
            Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
            Files.writeString(java, "#!/bin/sh\necho \"fake java $*\"\n");
            assertTrue(java.toFile().setExecutable(true));
            ProcessBuilder pb = new ProcessBuilder("bash", checkout.resolve("detectgpt").toString(), "--version")
                .directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("JAVA_HOME", home.toString());
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(out.startsWith("fake java ") && out.contains("org.detectgpt.cli.Main --version"), out);
            assertTrue(out.contains("--enable-native-access=ALL-UNNAMED") == version.startsWith("25"), version + ": " + out);
        }
    }

    /** @return a fake checkout in dir: the launcher and a "built" CLI (an empty jar and lib folder) */
    private static Path fakeCheckout(Path dir) throws Exception {
        Path script = Path.of("..", "detectgpt").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(script), "the launcher is at the repository root");
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(script, checkout.resolve("detectgpt"));
        Path target = Files.createDirectories(checkout.resolve("detectgpt-cli/target/lib"));
        Files.write(target.getParent().resolve("detectgpt-cli-0.jar"), new byte[0]);
        return checkout;
    }
}
