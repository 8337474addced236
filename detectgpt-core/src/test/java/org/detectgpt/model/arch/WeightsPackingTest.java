package org.detectgpt.model.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.detectgpt.model.WeightStorage;
import org.detectgpt.model.io.SafetensorsFile;
import org.detectgpt.model.nn.Half;
import org.detectgpt.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Which matrices {@link WeightStorage#STORED} packs: 16-bit ones, in their own format; never the head. */
class WeightsPackingTest {
    private static Weights weights(String model, String prefix, WeightStorage storage) throws Exception {
        var dir = Fixtures.path("hf-tiny/" + model);
        return new Weights(new Checkpoint(SafetensorsFile.open(dir.resolve("model.safetensors")), dir, storage), prefix);
    }

    @Test
    void sixteenBitMatricesArePackedInTheirOwnFormat() throws Exception {
        Weights falcon = weights("falcon-tiny", "transformer.h.0.", WeightStorage.STORED);
        assertEquals(Half.Format.BF16, falcon.linear("mlp.dense_h_to_4h", 64, 256, false).packedFormat());
        Weights gptj = weights("gptj-tiny", "transformer.h.0.", WeightStorage.STORED);
        assertEquals(Half.Format.F16, gptj.linear("mlp.fc_in", 64, 256, true).packedFormat());
        Weights top = weights("gptj-tiny", "", WeightStorage.STORED);
        assertNull(top.head("lm_head", false, null, 276, 64).packedFormat(), "the head stays fp32");
    }

    @Test
    void fp32StorageAndF32FilesAreNotPacked() throws Exception {
        assertNull(weights("falcon-tiny", "transformer.h.0.", WeightStorage.FP32)
            .linear("mlp.dense_h_to_4h", 64, 256, false).packedFormat());
        assertNull(weights("gpt-neo-tiny", "transformer.h.0.", WeightStorage.STORED)
            .linear("mlp.c_fc", 32, 128, true).packedFormat());
    }
}
