package ma.forsa.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Fail early (issue 14): the Maven wrapper refuses a JDK older than the build's release before it downloads anything,
 * and says how to set JAVA_HOME. Each case runs {@code ./mvnw -v} with an empty Maven home and a repository URL that
 * answers nothing, so a wrapper that let an old JDK through would start a download (and fail differently).
 */
@Tag("unit")
@DisabledOnOs(OS.WINDOWS)
class JavaVersionCheckTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path WORK = ROOT.resolve("target/java-version-check");

    record Run(int status, String output, Path mavenHome) {
    }

    @Test
    void anOldJdkIsRefusedBeforeAnyDownloadWithTheWayToSetJavaHome() throws Exception {
        Run run = wrapper(fakeJdk("jdk17", "17.0.2"));
        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("Forsa needs a JDK " + release() + " or newer"), run.output());
        assertTrue(run.output().contains("is Java 17"), run.output());
        assertTrue(run.output().contains("export JAVA_HOME="), run.output());
        assertTrue(run.output().contains("Nothing was downloaded"), run.output());
        assertFalse(Files.exists(run.mavenHome().resolve("wrapper")), "the wrapper started to install Maven");
    }

    @Test
    void theJdk17OfThisMachineIsRefusedToo() throws Exception {
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        assumeTrue(Files.isExecutable(jdk17.resolve("bin/java")), "no JDK 17 at " + jdk17);
        Run run = wrapper(jdk17);
        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("JAVA_HOME=" + jdk17 + " is Java 17"), run.output());
        assertFalse(Files.exists(run.mavenHome().resolve("wrapper")), "the wrapper started to install Maven");
    }

    @Test
    void javaEightStyleVersionsAndMissingJavaAreRefused() throws Exception {
        Run eight = wrapper(fakeJdk("jdk8", "1.8.0_392"));
        assertEquals(1, eight.status(), eight.output());
        assertTrue(eight.output().contains("is Java 8"), eight.output());
        Run none = wrapper(WORK.resolve("no-such-jdk"));
        assertEquals(1, none.status(), none.output());
        assertTrue(none.output().contains("has no working bin/java"), none.output());
    }

    @Test
    void aRecentJdkGoesPastTheCheck() throws Exception {
        Run run = wrapper(fakeJdk("jdk" + release(), release() + ".0.1"));
        assertFalse(run.output().contains("Forsa needs"), run.output());
        // with nothing installed and a repository that answers nothing, the wrapper now tries (and fails) to download Maven
        assertNotEquals(0, run.status(), run.output());
        assertTrue(Files.exists(run.mavenHome().resolve("wrapper")), run.output());
    }

    @Test
    void theWrappersAndTheEnforcerRuleNameTheReleaseOfThePom() throws IOException {
        String release = release();
        assertTrue(Files.readString(ROOT.resolve("mvnw")).contains("FORSA_REQUIRED_JAVA=" + release + "\n"));
        assertTrue(Files.readString(ROOT.resolve("mvnw.cmd")).contains("$forsaRequiredJava = " + release + "\r\n"));
        assertTrue(Files.readString(ROOT.resolve("pom.xml")).contains("<version>[${maven.compiler.release},)</version>"));
    }

    private static String release() throws IOException {
        Matcher m = Pattern.compile("<maven.compiler.release>(\\d+)</maven.compiler.release>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(m.find(), "pom.xml sets maven.compiler.release");
        return m.group(1);
    }

    /** A JAVA_HOME whose java prints the given version the way a JDK does, and whose javac exists. */
    private static Path fakeJdk(String name, String version) throws IOException {
        Path home = WORK.resolve(name);
        Path bin = Files.createDirectories(home.resolve("bin"));
        String script = "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2024-01-16' >&2\n"
                + "echo 'OpenJDK Runtime Environment (build " + version + ")' >&2\nexit 0\n";
        for (String tool : new String[] { "java", "javac" }) {
            Path file = bin.resolve(tool);
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    private static Run wrapper(Path javaHome) throws IOException, InterruptedException {
        Path mavenHome = WORK.resolve("m2-" + javaHome.getFileName());
        deleteTree(mavenHome);
        ProcessBuilder builder = new ProcessBuilder("sh", ROOT.resolve("mvnw").toString(), "-v").directory(ROOT.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("MAVEN_USER_HOME", mavenHome.toString());
        env.put("MVNW_REPOURL", "http://127.0.0.1:9");
        env.remove("MVNW_SKIP_JAVA_CHECK");
        env.remove("MVNW_VERBOSE");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the wrapper answered within a minute");
        return new Run(process.exitValue(), output, mavenHome);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
