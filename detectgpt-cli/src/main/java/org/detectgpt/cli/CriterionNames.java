package org.detectgpt.cli;

import java.util.Iterator;
import org.detectgpt.detect.Criteria;

/** The criterion names, for picocli's help text and completion. */
final class CriterionNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Criteria.names().iterator();
    }
}
