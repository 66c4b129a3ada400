package org.hounsfield.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.DicomValueException;
import org.hounsfield.core.Element;
import org.hounsfield.core.Tag;
import org.hounsfield.core.dict.ElementDictionary;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.ReadOptions;
import org.hounsfield.core.json.DicomJsonWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield get}: values by keyword or tag. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Print the values of elements, one line per keyword or tag, multiple values joined by '\\'.",
                "An absent element prints an empty line and makes the exit code 1."},
        footer = {"", "Examples:", "  hounsfield get ct.dcm PatientName Modality PixelSpacing",
                "  hounsfield get ct.dcm 0028,0030 '(0020,0032)'", "  hounsfield get --json ct.dcm PixelSpacing StudyDate"})
final class GetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON object keyword -> typed value (DICOM JSON Model element).")
    boolean json;

    @Parameters(index = "0", paramLabel = "FILE", description = "A DICOM file.")
    Path file;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEYWORD|TAG", description = "Keywords (PatientName) or tags (0010,0010).")
    List<String> names;

    @Override
    public Integer call() {
        Dataset ds = DicomReader.read(file, ReadOptions.defaults().withStopBeforePixelData(!wantsPixelData()));
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int rc = 0;
        StringBuilder js = new StringBuilder("{");
        for (String n : names) {
            int tag;
            try {
                tag = resolve(n);
            } catch (IllegalArgumentException ex) {
                err.println("ERROR  unknown keyword or tag '" + n + "'");
                return 2;
            }
            Element e = ds.get(tag);
            if (e == null) {
                rc = 1;
                err.println("absent  " + n);
            }
            if (json) {
                String key = ElementDictionary.keywordOf(tag);
                js.append(js.length() > 1 ? "," : "").append("\n  \"").append(key.isEmpty() ? Tag.toString(tag) : key).append("\": ");
                if (e == null) {
                    js.append("null");
                } else {
                    Dataset one = new Dataset(ds, ds.isBigEndian());
                    one.putRaw(e.tag(), e.vr(), e.rawValue(), e.flags());
                    String whole = DicomJsonWriter.toJson(one);
                    // {"TAG":{...}} -> {...}
                    js.append(whole, whole.indexOf(':') + 1, whole.length() - 1);
                }
            } else {
                out.println(e == null ? "" : e.string());
            }
        }
        if (json) {
            out.println(js.append("\n}"));
        }
        return rc;
    }

    private boolean wantsPixelData() {
        for (String n : names) {
            try {
                if ((resolve(n) >>> 16) == 0x7FE0) {
                    return true;
                }
            } catch (IllegalArgumentException | DicomValueException ignored) {
                // reported later
            }
        }
        return false;
    }

    private static int resolve(String n) {
        int t = ElementDictionary.tagOf(n);
        return t != -1 ? t : Tag.parse(n);
    }
}
