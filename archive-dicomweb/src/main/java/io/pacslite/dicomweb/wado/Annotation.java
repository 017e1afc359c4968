package io.pacslite.dicomweb.wado;

import io.pacslite.dicom.data.Attributes;
import io.pacslite.dicom.dict.Tag;
import io.pacslite.dicom.image.Window;
import io.pacslite.dicom.io.DicomException;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code annotation} parameter of rendered resources (PS3.18 8.3.5.1.1): {@code patient}
 * and/or {@code technique}, text burned into the rendered image after the viewport, so that it
 * reads at the size the client asked for. Patient: name, ID, birth date and sex at the top
 * left; technique: modality and series description, the window, and the frame at the bottom
 * left; white on a dark outline, in a size that follows the image's.
 *
 * <p>Text needs a font on the machine (Debian's {@code fonts-dejavu-core}, for example). A JDK
 * that finds none cannot draw text; the image is then sent without annotation, which is what
 * PS3.18 8.3.5.1 asks of a parameter the server cannot honour, and the log says why.
 *
 * @param patient   whether to write the patient lines
 * @param technique whether to write the technique lines
 */
record Annotation(boolean patient, boolean technique) {

    private static final Logger LOG = LoggerFactory.getLogger(Annotation.class);
    /** Images narrower than this get no text: it could not be read. */
    private static final int SMALLEST_SIDE = 64;

    /**
     * The annotation of a parameter value, a comma-separated list of {@code patient} and
     * {@code technique}; null for no annotation.
     *
     * @throws IllegalArgumentException naming a keyword that is neither
     */
    static Annotation parse(String text) {
        if (text == null) {
            return null;
        }
        boolean patient = false;
        boolean technique = false;
        for (String keyword : text.split(",", -1)) {
            switch (keyword.strip().toLowerCase(Locale.ROOT)) {
                case "patient" -> patient = true;
                case "technique" -> technique = true;
                default -> throw new IllegalArgumentException("\"" + keyword + "\" is neither patient nor technique");
            }
        }
        return new Annotation(patient, technique);
    }

    /**
     * Writes the lines of {@code dataset} on {@code image}.
     *
     * @param frame  the frame rendered, from 1
     * @param window the window asked for, or null for the image's own
     */
    void drawOn(BufferedImage image, Attributes dataset, int frame, Window window) {
        if (Math.min(image.getWidth(), image.getHeight()) < SMALLEST_SIDE) {
            return;
        }
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, image.getHeight() / 36)));
            FontMetrics metrics = graphics.getFontMetrics();
            int margin = metrics.getHeight() / 2;
            if (patient) {
                List<String> lines = patientLines(dataset);
                for (int i = 0; i < lines.size(); i++) {
                    write(graphics, lines.get(i), margin, margin + metrics.getAscent() + i * metrics.getHeight());
                }
            }
            if (technique) {
                List<String> lines = techniqueLines(dataset, frame, window);
                int first = image.getHeight() - margin - metrics.getDescent() - (lines.size() - 1) * metrics.getHeight();
                for (int i = 0; i < lines.size(); i++) {
                    write(graphics, lines.get(i), margin, first + i * metrics.getHeight());
                }
            }
        } catch (RuntimeException | Error e) {
            // No font (or no font configuration) on this machine: see the class comment.
            LOG.warn("rendered image sent without annotation: text cannot be drawn here ({})", e.toString());
        } finally {
            graphics.dispose();
        }
    }

    private static void write(Graphics2D graphics, String line, int x, int y) {
        graphics.setColor(Color.BLACK);
        graphics.drawString(line, x + 1, y + 1);
        graphics.setColor(Color.WHITE);
        graphics.drawString(line, x, y);
    }

    private static List<String> patientLines(Attributes dataset) {
        return present(displayName(dataset.getString(Tag.PatientName, "")),
                labelled("ID ", dataset.getString(Tag.PatientID)),
                (labelled("born ", dataset.getString(Tag.PatientBirthDate)) + " "
                        + labelled("", dataset.getString(Tag.PatientSex))),
                labelled("study ", dataset.getString(Tag.StudyDate)));
    }

    private static List<String> techniqueLines(Attributes dataset, int frame, Window window) {
        Window shown = window;
        if (shown == null) {
            try {
                shown = Window.first(dataset);
            } catch (DicomException e) {
                shown = null;
            }
        }
        int frames = Math.max(1, dataset.getInt(Tag.NumberOfFrames, 1));
        return present(labelled("", dataset.getString(Tag.Modality)) + " "
                        + labelled("", dataset.getString(Tag.SeriesDescription)),
                shown == null ? "" : String.format(Locale.ROOT, "W %s L %s", number(shown.width()), number(shown.center())),
                frames > 1 ? "frame " + frame + " of " + frames : "");
    }

    /** {@code Family^Given^Middle^Prefix^Suffix} as {@code Family, Given Middle}. */
    private static String displayName(String name) {
        String[] parts = name.split("\\^", -1);
        String given = String.join(" ", Stream.of(parts).skip(1).limit(2).filter(p -> !p.isBlank()).toList());
        return given.isEmpty() ? parts[0] : parts[0] + ", " + given;
    }

    /** {@code label} and {@code value}, or empty when there is no value. */
    private static String labelled(String label, String value) {
        return value == null || value.isBlank() ? "" : label + value.strip();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static List<String> present(String... lines) {
        List<String> present = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                present.add(line.strip());
            }
        }
        return present;
    }
}
