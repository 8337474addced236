import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.detectgpt.ensemble.PairFeatures;
import org.detectgpt.model.CausalLm;
import org.detectgpt.model.load.ModelLoader;
import org.detectgpt.models.BundledModels;
import org.detectgpt.stats.TokenScorer;
import org.detectgpt.text.Whitespace;
import org.detectgpt.tokenize.ScorableText;

/** For each JSONL text of args[0]: its token ids and PairFeatures under the bundled pair, as TSV to args[1]. */
public class PairCheck {
    public static void main(String[] args) throws Exception {
        CausalLm m = ModelLoader.load(BundledModels.find(BundledModels.ENGLISH).orElseThrow().path());
        CausalLm h = ModelLoader.load(BundledModels.find(BundledModels.ENGLISH_HUMAN).orElseThrow().path());
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String t = Whitespace.collapse(new ObjectMapper().readTree(line).get("text").asText());
            int[] ids = ScorableText.encodeIds(m.tokenizer(), t);
            double[] f = PairFeatures.of(TokenScorer.score(m, h, ids));
            out.append(Arrays.toString(ids)).append('\t').append(Arrays.toString(f)).append('\n');
        }
        Files.writeString(Path.of(args[1]), out);
    }
}
