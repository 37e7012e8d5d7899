package io.llmrouter.cache;

import java.nio.file.Path;

/** Where tests and benchmarks extract the model: under the module's build directory, shared by every test class. */
final class ModelDirectory {

    private ModelDirectory() {
    }

    static Path path() {
        return Path.of(System.getProperty("project.build.directory", "target"), "minilm");
    }
}
