package org.detectgpt.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.detectgpt.data.DatasetReader;
import org.detectgpt.data.EvalDataset;
import org.detectgpt.data.Label;
import org.detectgpt.data.LabeledText;
import org.detectgpt.detect.Detector;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.testing.Fixtures;
import org.detectgpt.text.Whitespace;
import org.junit.jupiter.api.Test;

/**
 * {@code eval} scores the one-pass criteria in batches of {@value Evaluation#BATCH} texts whose
 * windows share packed passes: each score must equal what {@link Detector#detect} gives the text
 * alone (1e-4), for texts shorter and longer than the model's context, with an unscorable text
 * inside a batch (NaN there, nothing shifted) and a last batch that is not full.
 */
class BatchedEvaluationTest {
    @Test
    void batchedScoresEqualOneByOne() throws Exception {
        CausalLm lm = ModelLoader.load(Fixtures.path("stories260K/stories260K.bin"));
        CausalLm performer = ModelLoader.load(Fixtures.path("stories260K/stories260K.bin"));
        List<LabeledText> passages = DatasetReader.read(Fixtures.path("stories-human/passages.jsonl")).items();
        List<LabeledText> items = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            StringBuilder sb = new StringBuilder();
            // 1 to 21 passages: from a few dozen tokens to more than the 512-token context
            for (int j = 0; j <= 2 * i; j++) {
                sb.append(passages.get((i + j) % passages.size()).text()).append("  \n ");
            }
            items.add(new LabeledText(sb.toString(), i % 2 == 0 ? Label.HUMAN : Label.MACHINE));
            if (i == 5) {
                items.add(new LabeledText(" \n\t ", Label.MACHINE)); // unscorable, inside the first batch
            }
        }
        assertTrue(items.size() % Evaluation.BATCH != 0);
        EvalDataset data = new EvalDataset("mixed", items);
        List<String> names = List.of("likelihood", "fast-detectgpt", "binoculars");
        Map<String, double[]> batched = Evaluation.of(lm, performer).withThreads(2).scoresByName(data, names);
        int longest = 0;
        for (String name : names) {
            Detector d = Detector.builder().setModel(lm).optSamplingModel(performer).setCriterion(name).build();
            double[] got = batched.get(name);
            assertEquals(items.size(), got.length, name);
            for (int i = 0; i < items.size(); i++) {
                String text = Whitespace.collapse(items.get(i).text());
                if (text.isBlank()) {
                    assertTrue(Double.isNaN(got[i]), name + " of the blank text: " + got[i]);
                    continue;
                }
                longest = Math.max(longest, d.encodeIds(text).length);
                assertEquals(d.detect(text).score(), got[i], 1e-4, name + " of text " + i);
            }
        }
        assertTrue(longest > lm.contextLength(), "the longest text has " + longest + " tokens");
    }
}
