package steward.builder.stack;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Debian's servers the stack tests run for real: skipped locally when missing, required when CI=true. */
final class Tools {
    private Tools() {
    }

    static void require(String binary) {
        boolean present = Files.isExecutable(Path.of(StackCheck.binary(binary)));
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(binary + " is required on CI (Debian packages nginx-light, php8.2-fpm)");
        }
        assumeTrue(present, binary + " is not installed");
    }
}
