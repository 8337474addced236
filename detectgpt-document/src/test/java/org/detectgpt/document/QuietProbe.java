package org.detectgpt.document;

import java.nio.file.Path;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;

/** Loads a model and reads a document in a JVM of its own, as a library user would; prints "ok". */
public final class QuietProbe {
    private QuietProbe() {}

    /** @param args the model path and a document */
    public static void main(String[] args) throws Exception {
        CausalLm m = ModelLoader.load(Path.of(args[0]));
        DocumentReader.defaults().read(Path.of(args[1]));
        System.out.println("ok " + m.info().name());
    }
}
