package steward.builder;

import steward.builder.base.BuildListener;
import java.util.ArrayList;
import java.util.List;

/** Records everything a build reports, in order. */
final class RecordingListener implements BuildListener {
    final List<String> progress = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> output = new ArrayList<>();

    @Override
    public synchronized void progress(String line) {
        progress.add(line);
    }

    @Override
    public synchronized void warning(String line) {
        warnings.add(line);
    }

    @Override
    public synchronized void output(String step, String line) {
        output.add(step + ": " + line);
    }

    synchronized List<String> outputOf(String step) {
        return output.stream().filter(l -> l.startsWith(step + ": ")).map(l -> l.substring(step.length() + 2)).toList();
    }
}
