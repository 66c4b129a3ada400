package org.hounsfield.cli;

import org.hounsfield.imaging.lut.WindowPreset;
import org.hounsfield.imaging.render.ImageFiles;
import org.hounsfield.imaging.render.RenderOptions;
import org.hounsfield.imaging.render.Renderer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.hounsfield.core.Dataset;
import org.hounsfield.core.Element;
import org.hounsfield.core.Tag;
import org.hounsfield.core.example.HeadPhantom;
import org.hounsfield.core.io.DicomReader;
import org.hounsfield.core.io.DicomWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hounsfield demo}: the user story on a built-in synthetic CT slice. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Write a synthetic head CT slice (built in, nothing downloaded) and walk through it:",
                "print every element, count them, read attributes by keyword, list the keywords,",
                "and look at the image through its brain window, as text and as PNG pictures."},
        footer = {"", "Example:", "  hounsfield demo --out /tmp/hf-demo"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "hounsfield-demo", description = "Where to write the example file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--size", paramLabel = "N", defaultValue = "512", description = "Rows and columns of the slice (default: ${DEFAULT-VALUE}).")
    int size;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (size < 16 || size > 4096) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--size must be between 16 and 4096");
        }
        Path file = out.resolve("ct-phantom.dcm");
        DicomWriter.write(HeadPhantom.slice(size, 0), file);
        o.printf("1. Wrote a synthetic CT slice with our own writer: %s%n%n", file);

        Dataset ds = DicomReader.read(file);                       // Dataset ds = Dataset.read(path)
        o.printf("2. Every element, as pydicom prints it (hounsfield dump %s):%n%n%s%n%n", file, ds);
        o.printf("3. Elements: %d (file meta not counted; pydicom's len(ds))%n%n", ds.size());

        o.println("4. By keyword:");
        for (String k : new String[] {"PatientName", "PatientPosition", "Modality", "StudyDate", "PixelSpacing",
                "SliceLocation", "XRayTubeCurrent"}) {
            Element e = ds.get(k);
            o.printf("   %-16s %-4s %s%n", k, e.vr(), e.string());
        }
        double[] spacing = ds.get("PixelSpacing").doubles();
        o.printf("   PixelSpacing as numbers: %s x %s mm; StudyDate as a date: %s; family name: %s%n%n", spacing[0], spacing[1],
                ds.getDate(Tag.StudyDate), ds.getPersonName(Tag.PatientName).familyName());

        o.printf("5. Keywords present (pydicom's ds.dir()):%n   %s%n%n", String.join(", ", ds.keywords()));

        double center = ds.get(Tag.WindowCenter).doubles()[0];
        double width = ds.get(Tag.WindowWidth).doubles()[0];
        o.printf("6. The image through its first window (%s: centre %s HU, width %s HU), as text:%n%n",
                ds.get(Tag.WindowCenterWidthExplanation).string(0), center, width);
        o.println(TextPreview.render(ds, center, width, 64));

        // the same window as a picture, and a preset for comparison
        Renderer renderer = Renderer.of(ds);
        Path own = out.resolve("ct-phantom.png");
        Path bone = out.resolve("ct-phantom-bone.png");
        ImageFiles.writePng(renderer.render(0, RenderOptions.defaults()).image(), own);
        ImageFiles.writePng(renderer.render(0, RenderOptions.defaults().withPreset(WindowPreset.BONE)).image(), bone);
        o.printf("7. As pictures: %s (its own window) and %s (preset bone, centre %s, width %s)%n%n", own, bone,
                WindowPreset.BONE.center(), WindowPreset.BONE.width());
        o.println("Next: 'hounsfield dump " + file + "', 'hounsfield get " + file + " PixelSpacing', 'hounsfield render "
                + file + " --preset subdural -o sub.png', 'hounsfield hu " + file + " --at 128,128'.");
        o.flush();
        return 0;
    }
}
